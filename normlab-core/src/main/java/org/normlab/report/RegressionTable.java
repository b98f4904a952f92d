package org.normlab.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.normlab.analysis.ModelFit;
import org.normlab.estimate.HazardEstimate;

/**
 * Regression tables as international-relations papers print them: one column per model,
 * coefficients with significance stars and standard errors in parentheses beneath, then N,
 * events, log-likelihood, AIC and BIC. Rendered as Markdown or LaTeX (booktabs).
 */
public final class RegressionTable {
    private final List<ModelFit> fits;

    private RegressionTable(List<ModelFit> fits) {
        this.fits = List.copyOf(fits);
    }

    public static RegressionTable of(List<ModelFit> fits) {
        return new RegressionTable(fits);
    }

    /** Stars for a two-sided p value: *** < 0.001, ** < 0.01, * < 0.05. */
    public static String stars(double p) {
        if (Double.isNaN(p)) {
            return "";
        }
        return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
    }

    /** Every term, grouped by block in the order of the argument (baseline, international, perception, ...). */
    private List<String> terms() {
        Set<String> all = new LinkedHashSet<>();
        fits.forEach(f -> all.addAll(f.estimate().names()));
        List<String> blocks = new ArrayList<>(List.of(org.normlab.panel.Variables.BASELINE));
        blocks.addAll(org.normlab.panel.Variables.BLOCKS);
        List<String> out = new ArrayList<>(all);
        out.sort(java.util.Comparator.comparingInt(t -> blocks.indexOf(org.normlab.panel.Variables.level(t))));
        return out;
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private String[] cell(ModelFit f, String term) {
        HazardEstimate e = f.estimate();
        int i = e.names().indexOf(term);
        if (i < 0 || Double.isNaN(e.coefficients()[i])) {
            return new String[] {"", ""};
        }
        return new String[] {num(e.coefficients()[i], 3) + stars(e.pValues()[i]),
            "(" + num(e.standardErrors()[i], 3) + ")"};
    }

    private List<String[]> footer() {
        List<String[]> rows = new ArrayList<>();
        rows.add(stat("N", f -> Integer.toString(f.estimate().n())));
        rows.add(stat("Events", f -> Integer.toString(f.estimate().events())));
        rows.add(stat("Log-likelihood", f -> num(f.estimate().logLikelihood(), 2)));
        rows.add(stat("AIC", f -> num(f.estimate().aic(), 2)));
        rows.add(stat("BIC", f -> num(f.estimate().bic(), 2)));
        return rows;
    }

    private String[] stat(String label, java.util.function.Function<ModelFit, String> value) {
        String[] r = new String[fits.size() + 1];
        r[0] = label;
        for (int m = 0; m < fits.size(); m++) {
            r[m + 1] = value.apply(fits.get(m));
        }
        return r;
    }

    private String note() {
        HazardEstimate e = fits.get(0).estimate();
        String method = e.firth() ? "Firth-penalised (mean bias-reduced) " : e.ridge() > 0 ? "ridge-penalised " : "";
        return "Discrete-time hazard models, " + method + e.link().label() + " link; standard errors: "
                + e.seDescription() + ". * p < 0.05, ** p < 0.01, *** p < 0.001.";
    }

    public String markdown() {
        StringBuilder b = new StringBuilder("| |");
        fits.forEach(f -> b.append(" ").append(f.name()).append(" |"));
        b.append("\n|---|");
        fits.forEach(f -> b.append("---:|"));
        b.append("\n");
        for (String t : terms()) {
            StringBuilder est = new StringBuilder("| `" + t + "` |");
            StringBuilder se = new StringBuilder("| |");
            for (ModelFit f : fits) {
                String[] c = cell(f, t);
                est.append(" ").append(c[0]).append(" |");
                se.append(" ").append(c[1]).append(" |");
            }
            b.append(est).append("\n").append(se).append("\n");
        }
        for (String[] r : footer()) {
            b.append("| ").append(r[0]).append(" |");
            for (int m = 1; m < r.length; m++) {
                b.append(" ").append(r[m]).append(" |");
            }
            b.append("\n");
        }
        return b.append("\n").append(note()).append("\n").toString();
    }

    public String latex() {
        StringBuilder b = new StringBuilder();
        b.append("\\begin{table}[htbp]\n\\centering\n\\begin{tabular}{l").append("r".repeat(fits.size()))
                .append("}\n\\toprule\n");
        fits.forEach(f -> b.append(" & ").append(tex(f.name())));
        b.append(" \\\\\n\\midrule\n");
        for (String t : terms()) {
            StringBuilder est = new StringBuilder("\\texttt{" + tex(t) + "}");
            StringBuilder se = new StringBuilder();
            for (ModelFit f : fits) {
                String[] c = cell(f, t);
                String stars = c[0].replaceAll("[^*]", "");
                String value = c[0].replace("*", "");
                est.append(" & ").append(value.isEmpty() ? "" : "$" + value + (stars.isEmpty() ? "" : "^{" + stars + "}")
                        + "$");
                se.append(" & ").append(c[1]);
            }
            b.append(est).append(" \\\\\n").append(se).append(" \\\\\n");
        }
        b.append("\\midrule\n");
        for (String[] r : footer()) {
            b.append(r[0]);
            for (int m = 1; m < r.length; m++) {
                b.append(" & ").append(r[m]);
            }
            b.append(" \\\\\n");
        }
        b.append("\\bottomrule\n\\end{tabular}\n\\caption{").append(tex(note())).append("}\n\\end{table}\n");
        return b.toString();
    }

    static String tex(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\textbackslash{}");
                case '^' -> b.append("\\^{}");
                case '~' -> b.append("\\~{}");
                case '_', '&', '%', '#', '$', '{', '}' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
