package org.normlab.server;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normlab.analysis.Adherence;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.CvDesign;
import org.normlab.analysis.CvScheme;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.Models;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.data.AdoptionSeries;
import org.normlab.data.CountryYearData;
import org.normlab.data.Instrument;
import org.normlab.data.NormlabException;
import org.normlab.data.Participation;
import org.normlab.data.Status;
import org.normlab.data.StatusTable;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.BassForm;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.panel.Panel;
import org.normlab.panel.PanelBuilder;
import org.normlab.panel.PanelSpec;
import org.normlab.report.JsonViews;

/**
 * The read-only part of the API: instruments, status on a date, the observed life cycle, a state's
 * story and explanation, and fits and comparisons. Fits and comparisons call the same core methods
 * as {@code normlab fit} and {@code normlab compare} and answer with the same JSON documents
 * ({@link JsonViews}). Thread-safe.
 */
final class DataApi {
    private static final Pattern SINCE = Pattern.compile("^(.*) since (\\d{4})$");
    private static final Set<String> FIT_FIELDS = Set.of(
            "instrument", "transition", "vars", "spec", "from", "to", "lag", "missing", "link", "se", "firth", "ridge");
    private static final Set<String> COMPARE_FIELDS = Set.of(
            "instrument",
            "transition",
            "specs",
            "cv",
            "seed",
            "link",
            "se",
            "firth",
            "ridge",
            "repeats",
            "folds",
            "rolling");

    /** The most repeats of leave-states-out cross-validation one comparison may ask for. */
    static final int MAX_REPEATS = 50;

    private final DataSource source;
    private final ServerOptions options;
    private final Heavy heavy;

    DataApi(DataSource source, ServerOptions options, Heavy heavy) {
        this.source = source;
        this.options = options;
        this.heavy = heavy;
    }

    /** GET /api/instruments: id, title, opening date and parties on a date (default today). */
    void instruments(Context ctx) {
        LocalDate day = date(ctx.queryParam("date"), LocalDate.now(java.time.ZoneOffset.UTC));
        CountryYearData data = source.snapshot().data;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Instrument i : data.instruments().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i.id());
            m.put("title", i.title());
            m.put("opened", i.opened().toString());
            m.put(
                    "parties",
                    data.participation(i.id()).values().stream()
                            .filter(p -> p.statusOn(day) == Status.PARTY)
                            .count());
            out.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("date", day.toString());
        doc.put(
                "first_year",
                data.instruments().values().stream()
                        .mapToInt(i -> i.opened().getYear())
                        .min()
                        .orElse(data.lastDataYear()));
        doc.put("last_data_year", data.lastDataYear());
        doc.put("instruments", out);
        ctx.json(doc);
    }

    /** GET /api/instruments/{id}/status?date=: every state with its status (as data status --format json) and ISO numeric code. */
    void status(Context ctx) {
        String id = ctx.pathParam("id");
        LocalDate day = date(ctx.queryParam("date"), LocalDate.now(java.time.ZoneOffset.UTC));
        DataSource.Snapshot snap = source.snapshot();
        instrument(snap.data, id);
        Map<String, Object> doc = snap.cached("status|" + id + "|" + day, data -> {
            StatusTable table = StatusTable.on(
                    day,
                    List.copyOf(data.participation(id).values()),
                    data.spells(),
                    List.copyOf(data.countries().values()),
                    data.systemListEnd());
            Map<String, Object> d = JsonViews.status(id, day, table);
            for (Object o : (List<?>) d.get("states")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                m.put("iso_numeric", IsoNumeric.of((String) m.get("iso3")));
            }
            return d;
        });
        ctx.json(doc);
    }

    /** GET /api/instruments/{id}/lifecycle: as lifecycle --format json, with the Bass fit's cumulative curve. */
    void lifecycle(Context ctx) {
        String id = ctx.pathParam("id");
        DataSource.Snapshot snap = source.snapshot();
        instrument(snap.data, id);
        ctx.json(snap.cached("lifecycle|" + id, data -> {
            ObservedLifeCycle o =
                    ObservedLifeCycle.of(AdoptionSeries.of(data, id), LifeCycleRules.defaults(), BassForm.PERIOD);
            Map<String, Object> d = JsonViews.lifecycle(o);
            List<Map<String, Object>> fitted = new ArrayList<>();
            BassEstimate b = o.bass();
            if (b != null) {
                int t = 0;
                for (AdoptionSeries.Year y : o.series().years()) {
                    t++;
                    fitted.add(Body.obj("year", y.year(), "cumulative_consents", b.cumulative(t)));
                }
            }
            d.put("bass_fitted", fitted);
            return d;
        }));
    }

    /**
     * GET /api/instruments/{id}/states/{iso3}: the state's status by year, its partial measures as
     * dated spells, and its explanation (as explain --format json) under the two-level model.
     */
    void state(Context ctx) {
        String id = ctx.pathParam("id");
        String iso3 = ctx.pathParam("iso3").toUpperCase(Locale.ROOT);
        String spec = query(ctx, "spec", "two-level");
        String transition = query(ctx, "transition", "consent");
        String yearText = ctx.queryParam("year");
        Integer year = null;
        if (yearText != null) {
            try {
                year = Integer.valueOf(yearText);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("year: '" + yearText + "' is not a year");
            }
        }
        DataSource.Snapshot snap = source.snapshot();
        Instrument instrument = instrument(snap.data, id);
        if (!snap.data.countries().containsKey(iso3)) {
            throw ApiException.notFound("unknown state '" + iso3 + "'");
        }
        ModelRequest request = new ModelRequest(
                        id, transition, null, List.of(spec), 0, 0, 1, "drop", "logit", "cluster", null, 0)
                .checked(snap.data);
        Integer askedYear = year;
        ctx.json(snap.cached("state|" + id + "|" + iso3 + "|" + spec + "|" + transition + "|" + year, data -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("iso3", iso3);
            d.put("name", data.countries().get(iso3).name());
            d.put("iso_numeric", IsoNumeric.of(iso3));
            d.put("instrument", id);
            d.put("history", history(data, instrument, iso3));
            d.put("measures", measures(data, id, iso3, instrument.opened().getYear()));
            Participation p = data.participation(id).get(iso3);
            d.put("events", events(p));
            try {
                ModelFit fit = snap.cached(
                        "fit|" + id + "|" + spec + "|" + transition,
                        x -> heavy.run(() -> {
                            List<String> vars = Models.specVariables(x, spec, id);
                            return Models.fit(
                                    spec,
                                    new PanelBuilder(x).build(request.panelSpec(vars)),
                                    vars,
                                    request.linkValue(),
                                    request.estimator());
                        }));
                d.put("explanation", JsonViews.explanation(Explanation.of(data, fit, iso3, askedYear)));
                d.put("explanation_note", "");
            } catch (NormlabException e) {
                d.put("explanation", null);
                d.put("explanation_note", e.getMessage());
            }
            return d;
        }));
    }

    /** POST /api/fits: as normlab fit --format json. */
    void fits(Context ctx) {
        Body body = Body.parse(Body.read(ctx, options.maxBodyBytes()), FIT_FIELDS);
        DataSource.Snapshot snap = source.snapshot();
        ModelRequest r = ModelRequest.of(body, "spec").checked(snap.data);
        if ((r.vars() == null) == (r.specs() == null)) {
            throw ApiException.badRequest("give exactly one of vars and spec");
        }
        // Same request, same data: the same answer, computed once (the dashboard asks for the same fits often).
        List<ModelFit> fits = snap.cached(
                "fits|" + r,
                data -> heavy.run(() -> {
                    PanelBuilder builder = new PanelBuilder(snap.data);
                    if (r.specs() != null) {
                        return Models.fitSpecs(
                                builder, r.panelSpec(List.of()), r.specs(), r.linkValue(), r.estimator());
                    }
                    PanelSpec ps = r.panelSpec(r.vars());
                    Panel panel = builder.build(ps);
                    return List.of(Models.fit("custom", panel, panel.names(), r.linkValue(), r.estimator()));
                }));
        ctx.json(
                fits.size() == 1
                        ? JsonViews.fit(fits.get(0))
                        : Body.obj("models", fits.stream().map(JsonViews::fit).toList()));
    }

    /** POST /api/comparisons: as normlab compare --format json. */
    void comparisons(Context ctx) {
        Body body = Body.parse(Body.read(ctx, options.maxBodyBytes()), COMPARE_FIELDS);
        DataSource.Snapshot snap = source.snapshot();
        ModelRequest r = ModelRequest.of(body, "specs").checked(snap.data);
        List<String> specs = r.specs() == null ? List.of("international", "two-level") : r.specs();
        if (specs.size() < 2) {
            throw ApiException.badRequest("specs: give at least two specifications, the fullest last");
        }
        ModelRequest req = new ModelRequest(
                        r.instrument(),
                        r.transition(),
                        null,
                        specs,
                        0,
                        0,
                        1,
                        "drop",
                        r.link(),
                        r.se(),
                        r.firth(),
                        r.ridge())
                .checked(snap.data);
        String cvText = body.text("cv", "states:10");
        long seed = body.integer("seed", 1);
        CvScheme scheme = CvScheme.parse(cvText);
        if (scheme.kind().equals("states") && scheme.value() > options.maxFolds()) {
            throw ApiException.tooMuchWork("cv: " + scheme.value() + " folds exceed the limit of " + options.maxFolds()
                    + " folds per comparison (max_folds)");
        }
        long repeats = body.integer("repeats", 0);
        if (repeats < 0 || repeats > MAX_REPEATS) {
            throw ApiException.tooMuchWork(
                    "repeats: " + repeats + " is outside 0.." + MAX_REPEATS + " (0: no repeated cross-validation)");
        }
        long folds = body.integer("folds", scheme.kind().equals("states") ? scheme.value() : 10);
        if (folds < 2 || folds > options.maxFolds()) {
            throw ApiException.tooMuchWork("folds: " + folds + " is outside 2.." + options.maxFolds() + " (max_folds)");
        }
        Boolean rollingField = body.bool("rolling");
        boolean rolling = rollingField == null || rollingField;
        if (repeats == 0 && (body.node("folds") != null || rollingField != null)) {
            throw ApiException.badRequest("folds and rolling apply to repeated cross-validation: give repeats >= 1");
        }
        CvDesign design = repeats == 0 ? null : new CvDesign((int) folds, (int) repeats, rolling, false);
        Comparison c = snap.cached(
                "comparison|" + req + "|" + scheme + "|" + seed + "|" + design,
                data -> heavy.run(() -> {
                    List<ModelFit> fits = Models.fitSpecs(
                            new PanelBuilder(data), req.panelSpec(List.of()), specs, req.linkValue(), req.estimator());
                    return Comparison.of(
                            fits,
                            scheme,
                            seed,
                            req.linkValue(),
                            req.estimator(),
                            design,
                            org.normlab.sim.ProgressListener.NONE);
                }));
        ctx.json(JsonViews.comparison(c, seed));
    }

    private static List<Map<String, Object>> history(CountryYearData data, Instrument instrument, String iso3) {
        Participation p = data.participation(instrument.id()).get(iso3);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int y = instrument.opened().getYear(); y <= data.lastDataYear(); y++) {
            Status s = p == null ? Status.NONE : p.statusOn(LocalDate.of(y, 12, 31));
            out.add(Body.obj("year", y, "status", s.code(), "in_system", data.inSystem(iso3, y)));
        }
        return out;
    }

    /** Every participation event of the state with its date. */
    private static List<Map<String, Object>> events(Participation p) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        for (var e : List.of(
                Map.entry("signature", String.valueOf(p.signature())),
                Map.entry("consent", String.valueOf(p.consent())),
                Map.entry("withdrawal_notified", String.valueOf(p.withdrawalNotified())),
                Map.entry("withdrawal_effective", String.valueOf(p.withdrawalEffective())))) {
            if (!e.getValue().equals("null")) {
                out.add(Body.obj("event", e.getKey(), "date", e.getValue()));
            }
        }
        return out;
    }

    /**
     * The partial measures as spells: for every year, the measures {@link Adherence} finds that year;
     * a measure reported "since Y" runs from Y to the last year it is found.
     */
    private static List<Map<String, Object>> measures(CountryYearData data, String instrument, String iso3, int first) {
        Map<String, int[]> spells = new LinkedHashMap<>();
        for (int y = first; y <= data.lastDataYear(); y++) {
            for (String m : Adherence.of(data, instrument, iso3, y).measures()) {
                Matcher since = SINCE.matcher(m);
                String label = since.matches() ? since.group(1) : m;
                int from = since.matches() ? Integer.parseInt(since.group(2)) : y;
                int year = y;
                spells.compute(
                        label, (k, v) -> v == null ? new int[] {from, year} : new int[] {Math.min(v[0], from), year});
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        spells.forEach((label, v) -> out.add(Body.obj("measure", label, "from", v[0], "to", v[1])));
        return out;
    }

    static Instrument instrument(CountryYearData data, String id) {
        Instrument i = data.instruments().get(id);
        if (i == null) {
            throw ApiException.notFound("unknown instrument '" + id + "'; known: "
                    + String.join(", ", data.instruments().keySet()));
        }
        return i;
    }

    private static String query(Context ctx, String name, String dflt) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? dflt : v;
    }

    static LocalDate date(String text, LocalDate dflt) {
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("date: '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
