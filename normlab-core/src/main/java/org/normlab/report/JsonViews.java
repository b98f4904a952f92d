package org.normlab.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.normlab.analysis.Comparison;
import org.normlab.analysis.Explanation;
import org.normlab.analysis.HeldOutScores;
import org.normlab.analysis.ModelCvSummary;
import org.normlab.analysis.ModelFit;
import org.normlab.analysis.ObservedLifeCycle;
import org.normlab.analysis.PairedDifference;
import org.normlab.data.StateStatus;
import org.normlab.data.StatusTable;
import org.normlab.estimate.BassEstimate;
import org.normlab.estimate.ForecastScores;
import org.normlab.estimate.HazardEstimate;
import org.normlab.estimate.LikelihoodRatioTest;
import org.normlab.lifecycle.Stage;

/**
 * The JSON documents of normlab's results as ordered maps of plain values, ready for any JSON
 * writer: the command line's {@code --format json} and the HTTP API print the same documents.
 * Non-finite numbers become null (JSON has no NaN). Stateless and thread-safe.
 */
public final class JsonViews {
    private JsonViews() {}

    /**
     * One fitted model: its risk set, coefficients, fit statistics and diagnostics, and {@link
     * FitNotes#json the separation check and events per parameter}; a coefficient whose estimate
     * diverged has {@code diverged: true} and a null p.
     */
    public static Map<String, Object> fit(ModelFit f) {
        HazardEstimate e = f.estimate();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", f.name());
        m.put("instrument", f.panel().spec().instrument());
        m.put("transition", f.panel().spec().transition().code());
        m.put("years", f.panel().spec().firstYear() + "-" + f.panel().spec().lastYear());
        m.put("lag", f.panel().spec().lag());
        List<Map<String, Object>> coefs =
                coefficients(e.names(), e.coefficients(), e.standardErrors(), e.zValues(), e.pValues());
        for (int i = 0; i < coefs.size(); i++) {
            coefs.get(i).put("diverged", e.diverged(e.names().get(i)));
        }
        m.put("coefficients", coefs);
        m.put("loglik", e.logLikelihood());
        e.penalizedLogLikelihood().ifPresent(v -> m.put("penalized_loglik", v));
        m.put("n", e.n());
        m.put("events", e.events());
        m.put("aic", e.aic());
        m.put("bic", e.bic());
        m.put("iterations", e.iterations());
        m.put("converged", e.converged());
        m.put("vars", f.variables());
        m.put("link", e.link().label());
        m.put("se_type", e.seType().name().toLowerCase(Locale.ROOT));
        m.put("se_description", e.seDescription());
        m.put("method", e.method());
        m.put("missing", f.panel().missingReport());
        m.put("diagnostics", e.diagnostics());
        m.putAll(FitNotes.json(f.name(), e));
        m.put("covariance", covariance(e.names(), e.covariance()));
        return m;
    }

    /**
     * A fit's estimated covariance as a saved fit carries it, for scenarios that draw the coefficients
     * ({@code uncertainty: coefficients}): {@code names} and {@code matrix}, over the terms with a
     * finite variance (aliased terms left out).
     */
    public static Map<String, Object> covariance(List<String> names, double[][] v) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < names.size() && i < v.length; i++) {
            if (Double.isFinite(v[i][i])) {
                keep.add(i);
            }
        }
        List<String> kept = new ArrayList<>();
        List<List<Double>> matrix = new ArrayList<>();
        for (int a : keep) {
            kept.add(names.get(a));
            List<Double> row = new ArrayList<>();
            for (int b : keep) {
                row.add(Double.isFinite(v[a][b]) ? v[a][b] : 0.0);
            }
            matrix.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("names", kept);
        m.put("matrix", matrix);
        return m;
    }

    /** The {@code coefficients} list of a fit: name, estimate, se, z, p per term. */
    public static List<Map<String, Object>> coefficients(
            List<String> names, double[] estimate, double[] se, double[] z, double[] p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", names.get(i));
            c.put("estimate", finite(estimate[i]));
            c.put("se", finite(se[i]));
            c.put("z", finite(z[i]));
            c.put("p", finite(p[i]));
            out.add(c);
        }
        return out;
    }

    /** {@code v}, or null when it is not finite. */
    public static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A comparison: every model with its out-of-sample scores, the likelihood-ratio tests, the findings in words. */
    public static Map<String, Object> comparison(Comparison c, long seed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", c.scheme().toString());
        m.put("seed", seed);
        List<Map<String, Object>> models = new ArrayList<>();
        for (int i = 0; i < c.fits().size(); i++) {
            Map<String, Object> f = fit(c.fits().get(i));
            ForecastScores s = c.outOfSample().get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("log_score", finite(s.meanLogScore()));
            o.put("brier", finite(s.brierScore()));
            o.put("auc", finite(s.auc()));
            o.put("n", s.n());
            o.put("events", s.events());
            o.put("calibration", s.calibration());
            f.put("out_of_sample", o);
            List<Map<String, Object>> held = new ArrayList<>();
            for (ModelCvSummary cv : c.cvSummaries()) {
                if (cv.model().equals(c.fits().get(i).name())) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("scheme", cv.scheme());
                    h.put("repeats", cv.repeats());
                    h.put("log_score", finite(cv.logScore()));
                    h.put("log_score_sd", finite(cv.logScoreSd()));
                    h.put("brier", finite(cv.brier()));
                    h.put("brier_sd", finite(cv.brierSd()));
                    h.put("auc", finite(cv.auc()));
                    h.put("auc_sd", finite(cv.aucSd()));
                    h.put("ridge_median", finite(cv.medianLambda()));
                    held.add(h);
                }
            }
            f.put("held_out", held);
            models.add(f);
        }
        m.put("models", models);
        List<Map<String, Object>> lr = new ArrayList<>();
        for (int i = 0; i < c.lrTests().size(); i++) {
            LikelihoodRatioTest t = c.lrTests().get(i);
            if (t != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("restricted", c.fits().get(i).name());
                row.put("full", c.fits().get(c.fits().size() - 1).name());
                row.put("statistic", t.statistic());
                row.put("df", t.df());
                row.put("p", t.pValue());
                lr.add(row);
            }
        }
        m.put("lr_tests", lr);
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (Comparison.BlockTest b : c.blockTests()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("block", b.block());
            o.put("variables", b.variables());
            o.put("loglik_without", b.without().estimate().logLikelihood());
            o.put("aic_without", b.without().estimate().aic());
            if (b.lr() != null) {
                o.put("lr_statistic", b.lr().statistic());
                o.put("lr_df", b.lr().df());
                o.put("lr_p", b.lr().pValue());
            }
            o.put("log_score_without", finite(b.outOfSample().meanLogScore()));
            o.put("brier_without", finite(b.outOfSample().brierScore()));
            o.put("auc_without", finite(b.outOfSample().auc()));
            o.put("paired", b.paired().stream().map(JsonViews::paired).toList());
            blocks.add(o);
        }
        m.put("block_tests", blocks);
        List<Map<String, Object>> schemes = new ArrayList<>();
        for (HeldOutScores h : c.heldOut()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("scheme", h.scheme());
            o.put("description", h.description());
            o.put("repeats", h.repeats());
            o.put("states", h.states().size());
            o.put("splits", h.splits().size());
            if (h.scheme().equals("rolling")) {
                o.put("first_origin", h.splits().get(0).fold());
                o.put("last_origin", h.splits().get(h.splits().size() - 1).fold());
            }
            schemes.add(o);
        }
        m.put("held_out_schemes", schemes);
        m.put("notes", c.notes());
        List<Map<String, Object>> paired = new ArrayList<>();
        for (PairedDifference p : c.paired()) {
            paired.add(paired(p));
        }
        m.put("paired", paired);
        m.put("findings", Findings.comparison(c));
        return m;
    }

    /** A paired difference: {a, b, scheme, states, mean, se, repeats_won, repeats, verdict, top_states}. */
    public static Map<String, Object> paired(PairedDifference p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("a", p.a());
        o.put("b", p.b());
        o.put("scheme", p.scheme());
        o.put("states", p.states());
        o.put("mean", finite(p.mean()));
        o.put("se", finite(p.se()));
        o.put("repeats_won", p.repeatsWon());
        o.put("repeats", p.repeats());
        o.put("verdict", p.verdict());
        List<Map<String, Object>> top = new ArrayList<>();
        for (PairedDifference.StateContribution t : p.topStates()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("iso3", t.iso3());
            row.put("contribution", finite(t.contribution()));
            top.add(row);
        }
        o.put("top_states", top);
        return o;
    }

    /** A state's explanation: hazard, contributions by variable and level, adherence, type, summary. */
    public static Map<String, Object> explanation(Explanation x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iso3", x.iso3());
        m.put("name", x.name());
        m.put("year", x.year());
        m.put("note", x.note());
        m.put("transition", x.transition().code());
        m.put("status", x.status().code());
        m.put("hazard", x.hazard());
        m.put("reference_hazard", x.referenceHazard());
        m.put("cumulative_probability", x.cumulative());
        m.put("reference", x.reference());
        m.put("international", x.international());
        m.put("domestic", x.domestic());
        m.put("perception", x.perception());
        m.put("incentives", x.incentives());
        m.put("contributions", x.contributions());
        m.put("adherence_level", x.adherence().level());
        m.put("shares_norm_in_deeds", x.adherence().inDeeds());
        m.put("partial_measures", x.adherence().measures());
        List<Map<String, Object>> measures = new ArrayList<>();
        for (org.normlab.data.Measure r : x.adherence().records()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("measure", r.measure());
            o.put("scope", r.scope());
            o.put("scope_detail", r.scopeDetail());
            o.put("year_from", r.yearFrom());
            o.put("year_to", r.yearTo());
            o.put("in_force", r.inForce(x.year()));
            o.put("instruments", r.instruments());
            o.put("source", r.source());
            measures.add(o);
        }
        m.put("measures", measures);
        m.put("type", x.type().label());
        m.put("type_meaning", x.type().meaning());
        m.put("type_probability", Double.isNaN(x.typeProbability()) ? null : x.typeProbability());
        m.put("summary", x.sentence());
        return m;
    }

    /** The observed life cycle: the yearly series, the stages with their rules, the tipping year and the Bass fit. */
    public static Map<String, Object> lifecycle(ObservedLifeCycle o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instrument", o.series().instrument());
        m.put("series", o.series().years());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (Stage s : o.lifecycle().stages()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("stage", s.name().label());
            st.put("start", s.start());
            st.put("end", s.end());
            st.put("ongoing", s.ongoing());
            st.put("rule", s.rule());
            stages.add(st);
        }
        m.put("stages", stages);
        m.put(
                "tipping_year",
                o.lifecycle().tippingYear().isPresent()
                        ? o.lifecycle().tippingYear().getAsInt()
                        : null);
        m.put("tipping_rule", o.lifecycle().rules().tippingRule());
        if (o.bass() != null) {
            BassEstimate b = o.bass();
            Map<String, Object> bass = new LinkedHashMap<>();
            bass.put("form", b.form().name().toLowerCase(Locale.ROOT));
            bass.put("m", b.m());
            bass.put("p", b.p());
            bass.put("q", b.q());
            bass.put("se_m", b.seM());
            bass.put("se_p", b.seP());
            bass.put("se_q", b.seQ());
            bass.put("converged", b.converged());
            m.put("bass", bass);
        } else {
            m.put("bass", o.bassNote());
        }
        return m;
    }

    /** Every state's status on a date, with the counts by status. */
    public static Map<String, Object> status(String instrument, LocalDate day, StatusTable table) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instrument", instrument);
        doc.put("date", day.toString());
        doc.put("system_extrapolated", table.extrapolated());
        Map<String, Integer> counts = new LinkedHashMap<>();
        table.counts().forEach((k, v) -> counts.put(k.code(), v));
        doc.put("counts", counts);
        List<Map<String, Object>> states = new ArrayList<>();
        for (StateStatus s : table.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("iso3", s.iso3());
            m.put("name", s.name());
            m.put("status", s.status().code());
            m.put("in_system", s.inSystem());
            states.add(m);
        }
        doc.put("states", states);
        return doc;
    }
}
