package org.normlab.testing;

/** Small valid files of each CSV kind, the seeds of the fuzz tests' mutations. */
public final class SeedFiles {
    /** An instrument file: signatures, consents, entry into force, a withdrawal, a quoted note. */
    public static final String INSTRUMENT = """
            iso3,state,signature_date,consent_date,consent_type,entry_into_force_date,withdrawal_notified_date,withdrawal_effective_date,notes
            CAN,Canada,1997-12-03,1997-12-03,ratification,1999-03-01,,,
            NOR,Norway,1997-12-03,1998-07-09,ratification,1999-03-01,,,
            FIN,Finland,,2012-01-09,accession,2012-07-01,2025-07-10,2026-01-10,"withdrew, 2025"
            BRA,Brazil,1997-12-03,,,,,,signed only
            """;

    public static final String INDICATORS = """
            iso3,year,name,value,source
            RUS,2000,war_weariness,0.5,survey
            RUS,2001,war_weariness,0.75,survey
            USA,2000,war_weariness,-1.25,"a, b"
            """;
    public static final String TIES = """
            iso3_a,iso3_b,kind,from_year,to_year
            FIN,RUS,rivalry,1992,
            EST,RUS,rivalry,1992,2020
            """;

    private SeedFiles() {}
}
