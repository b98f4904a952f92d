# Expected column names and values for FormulaTest: R's model.matrix on a small data set.
# Run: Rscript normlab-core/src/test/R/formula_names.R  (prints the lines pasted into FormulaTest)
d <- data.frame(y = c(0, 1, 0, 1, 1, 0, 0, 1), a = c(1, 2, 3, 4, 5, 6, 7, 9), b = c(2, 1, 2, 1, 3, 3, 1, 2))
m <- model.matrix(~ b + a:b + I(a/2) + I(a*2) + log(a+0.01) + I(a^2) + poly(a,2) + relevel(factor(b),ref="2") +
                    exp(-a) + sqrt(a) + I(1e-5*a) + I(100000*a) + I((a-1)^2) + log(a, 2) + factor(b):a, d)
cat(paste0('"', gsub('"', '\\\\"', colnames(m)[-1]), '"', collapse = ", "), "\n")
for (j in c("poly(a, 2)1", "poly(a, 2)2", "a:factor(b)3", "relevel(factor(b), ref = \"2\")1")) {
  cat(j, ":", paste(sprintf("%.17g", m[, j]), collapse = ", "), "\n")
}
cat(attr(terms(~ a*b + x:y + c), "term.labels"), "\n")
# How R codes a factor in an interaction (TermCode): by contrasts only when the term without it is
# contained in an earlier term, else one column per level.
# Crossing to an order, (...)^k, and nesting, a/b.
for (fo in c("~ factor(b):a", "~ a + factor(b):a", "~ I(a^2) + factor(b):a", "~ factor(b):a + factor(b)",
             "~ (a + b + log(a))^2", "~ a/b", "~ (a + b)/log(a)", "~ factor(b)/a",
             "~ (a + factor(b))^2 - a:factor(b)", "~ a * b / log(a)")) {
  cat(fo, ":", paste0('"', gsub('"', '\\\\"', colnames(model.matrix(as.formula(fo), d))[-1]), '"', collapse = ", "), "\n")
}
