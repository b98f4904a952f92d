# Expected values for the posterior of each state's frailty given its observed history
# (org.normlab.sim.FrailtyPosterior); the Java test FrailtyPosteriorGridTest in
# normlab-core/src/test/java/org/normlab/sim/ compares against the files written here.
#
# Run from the repository root (needs R with lme4, e.g. Debian: apt-get install -y r-cran-lme4):
#   Rscript normlab-core/src/test/R/posterior_fixtures.R
#
# Histories: the real mine-ban risk set normlab-core/src/test/resources/estimate/two_level_panel.csv
# (see frailty_fixtures.R), one history per state (its rows, in file order). Coefficients:
#   logit    the refined maximum-likelihood fit of the two-level model with a shared frailty,
#            read from normlab-core/src/test/resources/estimate/frailty_expected.csv
#            (fit two_level, refined_coef and refined_sd);
#   cloglog  lme4::glmer of the same formula with family = binomial("cloglog"), nAGQ = 25.
# For every state and link the posterior of z = b / sd, p(z | y) ~ dnorm(z) prod_t f(y_t | eta_t + sd z),
# is integrated by integrate() (adaptive Gauss-Kronrod, rel.tol 1e-12) over the real line; its mean
# and its 5 %, 50 % and 95 % quantiles (uniroot on the integrated distribution function, tol 1e-13)
# are written on the frailty scale b = sd z.
#
# Writes (overwriting) into normlab-core/src/test/resources/sim/:
#   posterior_coefficients.csv  link,term,value (the terms in the hazard's order; term "sd" is the
#                               frailty sd)
#   posterior_expected.csv      link,iso3,quantity,value with quantity mean, q05, q50, q95
# Every number is printed with sprintf("%.17g").

suppressPackageStartupMessages(library(lme4))

panel <- read.csv("normlab-core/src/test/resources/estimate/two_level_panel.csv", stringsAsFactors = FALSE)
covariates <- c("log_duration", "opening_year", "share_global", "share_border", "share_subregion",
                "conflict_territorial", "conflict_interstate", "polyarchy", "party_ccw_apii",
                "eu_member", "nato_member")
terms <- c("(Intercept)", covariates)
X <- cbind(1, as.matrix(panel[, covariates]))

expected <- read.csv("normlab-core/src/test/resources/estimate/frailty_expected.csv",
                     comment.char = "#", stringsAsFactors = FALSE)
refined <- expected[expected$fit == "two_level", ]
logit_beta <- sapply(terms, function(t) refined$value[refined$quantity == "refined_coef" & refined$term == t])
logit_sd <- refined$value[refined$quantity == "refined_sd"]

form <- as.formula(paste("event ~", paste(covariates, collapse = " + "), "+ (1 | iso3)"))
cl <- glmer(form, data = panel, family = binomial("cloglog"), nAGQ = 25,
            control = glmerControl(optimizer = "bobyqa", optCtrl = list(maxfun = 1e5)))
cloglog_beta <- fixef(cl)[terms]
cloglog_sd <- unname(getME(cl, "theta"))

loglik <- function(link, eta, y) {
  if (link == "logit") {
    ifelse(y == 1, plogis(eta, log.p = TRUE), plogis(eta, lower.tail = FALSE, log.p = TRUE))
  } else {
    h <- exp(eta)
    ifelse(y == 1, log(-expm1(-h)), -h)
  }
}

fits <- list(logit = list(beta = logit_beta, sd = logit_sd),
             cloglog = list(beta = cloglog_beta, sd = cloglog_sd))
coef_rows <- list()
rows <- list()
for (link in names(fits)) {
  beta <- fits[[link]]$beta
  sd <- fits[[link]]$sd
  coef_rows[[length(coef_rows) + 1]] <- data.frame(link = link, term = c(terms, "sd"),
                                                    value = c(unname(beta), sd))
  eta_all <- as.vector(X %*% beta)
  for (state in unique(panel$iso3)) {
    rows_of <- panel$iso3 == state
    eta <- eta_all[rows_of]
    y <- panel$event[rows_of]
    logpost <- function(z) sapply(z, function(v) -v^2 / 2 + sum(loglik(link, eta + sd * v, y)))
    mode <- optimize(logpost, c(-10, 10), maximum = TRUE, tol = 1e-10)
    top <- mode$objective
    dens <- function(z) exp(logpost(z) - top)
    total <- integrate(dens, -Inf, Inf, rel.tol = 1e-12)$value
    mean_z <- integrate(function(z) z * dens(z), -Inf, Inf, rel.tol = 1e-12)$value / total
    cdf <- function(q) integrate(dens, -Inf, q, rel.tol = 1e-12)$value / total
    quant <- sapply(c(0.05, 0.5, 0.95), function(p)
      uniroot(function(q) cdf(q) - p, c(-12, 12), tol = 1e-13)$root)
    rows[[length(rows) + 1]] <- data.frame(link = link, iso3 = state,
                                           quantity = c("mean", "q05", "q50", "q95"),
                                           value = sd * c(mean_z, quant))
  }
}
fmt <- function(d) { d$value <- sprintf("%.17g", d$value); d }
dir.create("normlab-core/src/test/resources/sim", showWarnings = FALSE)
write.csv(fmt(do.call(rbind, coef_rows)), "normlab-core/src/test/resources/sim/posterior_coefficients.csv",
          row.names = FALSE, quote = FALSE)
out <- do.call(rbind, rows)
write.csv(fmt(out), "normlab-core/src/test/resources/sim/posterior_expected.csv", row.names = FALSE,
          quote = FALSE)
cat("cloglog sd", cloglog_sd, "logit sd", logit_sd, "\n")
cat(R.version.string, "lme4", as.character(packageVersion("lme4")), "\n")
