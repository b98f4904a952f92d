package org.normlab.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The observed life of an instrument year by year, from the year it opened to the last year with
 * data or events: how many states there are, how many are signatories, parties and withdrawn at
 * the end of each year, and how many signed, consented and withdrew during it. Immutable.
 */
public record AdoptionSeries(String instrument, List<Year> years) {
    /**
     * One year of the series.
     *
     * @param year        calendar year
     * @param states      states listed on 31 December (the system plus participants outside it)
     * @param signatories signatories (not yet party) on 31 December
     * @param parties     parties on 31 December
     * @param withdrawn   states whose withdrawal had taken effect by 31 December
     * @param signatures  signatures during the year
     * @param consents    consents deposited during the year
     * @param withdrawals withdrawals that took effect during the year
     * @param notices     withdrawals notified during the year
     */
    public record Year(
            int year,
            int states,
            int signatories,
            int parties,
            int withdrawn,
            int signatures,
            int consents,
            int withdrawals,
            int notices) {
        public double partyShare() {
            return states == 0 ? 0 : (double) parties / states;
        }
    }

    public AdoptionSeries {
        years = List.copyOf(years);
    }

    /** Builds the series from the opening year to the later of the last data year and the last event. */
    public static AdoptionSeries of(CountryYearData data, String instrument) {
        Instrument inst = data.instrument(instrument);
        Map<String, Participation> part = data.participation(instrument);
        int last = data.lastDataYear();
        for (Participation p : part.values()) {
            for (LocalDate d :
                    new LocalDate[] {p.signature(), p.consent(), p.withdrawalNotified(), p.withdrawalEffective()}) {
                if (d != null) {
                    last = Math.max(last, d.getYear());
                }
            }
        }
        List<Participation> rows = List.copyOf(part.values());
        List<Country> countries = List.copyOf(data.countries().values());
        List<Year> out = new ArrayList<>();
        for (int y = inst.opened().getYear(); y <= last; y++) {
            StatusTable t =
                    StatusTable.on(LocalDate.of(y, 12, 31), rows, data.spells(), countries, data.systemListEnd());
            Map<Status, Integer> c = t.counts();
            int signatures = 0;
            int consents = 0;
            int withdrawals = 0;
            int notices = 0;
            for (Participation p : rows) {
                signatures += inYear(p.signature(), y);
                consents += inYear(p.consent(), y);
                withdrawals += inYear(p.withdrawalEffective(), y);
                notices += inYear(p.withdrawalNotified(), y);
            }
            out.add(new Year(
                    y,
                    t.rows().size(),
                    c.get(Status.SIGNATORY),
                    c.get(Status.PARTY),
                    c.get(Status.WITHDRAWN),
                    signatures,
                    consents,
                    withdrawals,
                    notices));
        }
        return new AdoptionSeries(instrument, out);
    }

    private static int inYear(LocalDate d, int year) {
        return d != null && d.getYear() == year ? 1 : 0;
    }

    public boolean hasSignatures() {
        return years.stream().anyMatch(y -> y.signatures() > 0);
    }

    public boolean hasWithdrawals() {
        return years.stream().anyMatch(y -> y.notices() > 0 || y.withdrawals() > 0);
    }
}
