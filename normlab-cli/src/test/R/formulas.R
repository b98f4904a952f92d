# Expected values for normlab's model formulas and reported effects on risk sets that normlab wrote.
#
# Run from the repository root (needs R with MASS and sandwich, e.g. Debian:
#   apt-get install r-base-core r-cran-mass r-cran-sandwich):
#   Rscript normlab-cli/src/test/R/formulas.R
# formula1.csv to formula4.csv in normlab-cli/src/test/resources/rcheck/ are the panels of the
# formulas' variables written by `normlab panel --vars ...` (commands in README.md there; formula3
# and formula4 read regime_type, an indicator of text categories that regime_type.R writes and
# normlab imports with --text, so their panels hold text that read.csv keeps as character and
# glm enters as a factor). Levels are sorted in the C locale, as normlab sorts them. For each
# formula this script fits glm(event ~ formula) and writes
#   <name>_matrix.csv    the model matrix without the intercept (R's column names, %.17g), which
#                        `normlab panel --formula` must reproduce;
#   <name>_expected.csv  fit,quantity,term,value: coefficients, model and cluster-robust SEs,
#                        log-likelihood; Wald and profile-likelihood intervals (95 % and 90 %) of the
#                        coefficients; average marginal effects with delta-method SEs.
# Profile-likelihood limits are the exact roots (uniroot on the signed likelihood root, refitting
# glm with the coefficient fixed by an offset); MASS's confint (grid and spline) is written beside
# them as profile_mass for reference. Average marginal effects are computed in base R: for a
# numeric variable the mean over the rows of the centred difference of the predicted probability
# (step h = 1e-5 times max(1, |x|)), for a factor the mean difference of each level against the
# reference; their SEs by the delta method with the gradient in the coefficients computed
# analytically (d p / d beta = mu.eta(eta) * x).

invisible(Sys.setlocale("LC_COLLATE", "C"))
suppressPackageStartupMessages({
  library(MASS)
  library(sandwich)
})

dir <- file.path("normlab-cli", "src", "test", "resources", "rcheck")
fmt <- function(x) sprintf("%.17g", x)
ml <- glm.control(epsilon = 1e-14, maxit = 100)

cases <- list(
  list(name = "formula1", link = "logit",
       rhs = 'conflict_territorial * polyarchy + log(share_border + 0.01) + poly(share_global, 2) + relevel(factor(conflict_intensity), ref = "1") + opening_year',
       numeric = c("conflict_territorial", "polyarchy", "share_border", "share_global", "opening_year"),
       factors = c("conflict_intensity"),
       at = list(polyarchy = 0.8, conflict_territorial = 1, conflict_intensity = 1), years = 2005:2008),
  list(name = "formula2", link = "cloglog",
       rhs = "log_duration + opening_year + share_subregion:polity2 + I(polity2^2/10) + log1p(share_border) + factor(measures_in_force)",
       numeric = c("log_duration", "opening_year", "share_subregion", "polity2", "share_border"),
       factors = c("measures_in_force")),
  list(name = "formula3", link = "logit",
       rhs = 'relevel(factor(regime_type), ref = "democracy") * log_duration + log(share_border + 0.01) + conflict_territorial',
       numeric = c("log_duration", "share_border", "conflict_territorial"),
       factors = c("regime_type"),
       at = list(regime_type = "anocracy", conflict_territorial = 1), years = 2003:2006),
  list(name = "formula4", link = "cloglog",
       rhs = "regime_type + regime_type:polyarchy + share_subregion",
       numeric = c("polyarchy", "share_subregion"),
       factors = c("regime_type")))

row <- function(label, quantity, term, value) data.frame(fit = label, quantity = quantity, term = term, value = fmt(value))


profile_limits <- function(fit, d, f, level) {
  z <- qnorm((1 + level) / 2)
  X <- model.matrix(fit)
  ll <- as.numeric(logLik(fit))
  se <- sqrt(diag(vcov(fit)))
  out <- matrix(NA, ncol(X), 2, dimnames = list(colnames(X), NULL))
  for (j in seq_len(ncol(X))) {
    r <- function(b) {
      g <- glm.fit(X[, -j, drop = FALSE], d$event, family = fit$family, offset = b * X[, j], control = ml)
      llb <- sum(d$event * log(g$fitted.values) + (1 - d$event) * log(1 - g$fitted.values))
      sign(b - coef(fit)[j]) * sqrt(max(0, 2 * (ll - llb)))
    }
    for (side in 1:2) {
      target <- if (side == 1) -z else z
      step <- if (side == 1) -se[j] else se[j]
      k <- 1
      while (sign(r(coef(fit)[j] + k * step) - target) == sign(-target) && k < 64) k <- k * 2
      lo <- coef(fit)[j] + (k / 2) * step * (k > 1)
      hi <- coef(fit)[j] + k * step
      out[j, side] <- uniroot(function(b) r(b) - target, sort(c(lo, hi)), tol = 1e-12)$root
    }
  }
  out
}

ame <- function(fit, d, c) {
  beta <- coef(fit)
  tt <- delete.response(terms(fit))
  # New data is stacked under the fitted rows so that factor() and relevel() see every level;
  # poly() uses the fitted rows' coefficients (predvars), as predict() does.
  mm <- function(nd) {
    both <- rbind(d, nd)
    model.matrix(tt, model.frame(tt, both))[nrow(d) + seq_len(nrow(nd)), , drop = FALSE]
  }
  fam <- fit$family
  res <- NULL
  for (v in c$numeric) {
    h <- 1e-5 * pmax(1, abs(d[[v]]))
    up <- d; up[[v]] <- d[[v]] + h
    dn <- d; dn[[v]] <- d[[v]] - h
    Xu <- mm(up); Xd <- mm(dn)
    eu <- drop(Xu %*% beta); ed <- drop(Xd %*% beta)
    slope <- (fam$linkinv(eu) - fam$linkinv(ed)) / (2 * h)
    grad <- colMeans((fam$mu.eta(eu) * Xu - fam$mu.eta(ed) * Xd) / (2 * h))
    se_m <- sqrt(drop(t(grad) %*% vcov(fit) %*% grad))
    se_c <- sqrt(drop(t(grad) %*% vcovCL(fit, cluster = d$iso3) %*% grad))
    res <- rbind(res, row(c$name, "ame", v, mean(slope)), row(c$name, "ame_se_model", v, se_m),
                 row(c$name, "ame_se_cluster", v, se_c))
  }
  for (v in c$factors) {
    lv <- sort(unique(d[[v]]))
    ref <- if (grepl(paste0('relevel\\(factor\\(', v, '\\), ref = "'), c$rhs)) {
      r <- sub('.*ref = "([^"]*)".*', "\\1", c$rhs)
      if (is.numeric(d[[v]])) as.numeric(r) else r
    } else lv[1]
    base <- d; base[[v]] <- ref
    Xb <- mm(base); eb <- drop(Xb %*% beta)
    for (l in setdiff(lv, ref)) {
      alt <- d; alt[[v]] <- l
      Xa <- mm(alt); ea <- drop(Xa %*% beta)
      effect <- mean(fam$linkinv(ea) - fam$linkinv(eb))
      grad <- colMeans(fam$mu.eta(ea) * Xa - fam$mu.eta(eb) * Xb)
      se_m <- sqrt(drop(t(grad) %*% vcov(fit) %*% grad))
      se_c <- sqrt(drop(t(grad) %*% vcovCL(fit, cluster = d$iso3) %*% grad))
      term <- paste0(v, "=", as.character(l), " vs ", as.character(ref))
      res <- rbind(res, row(c$name, "ame", term, effect), row(c$name, "ame_se_model", term, se_m),
                   row(c$name, "ame_se_cluster", term, se_c))
    }
  }
  res
}

# Predicted probabilities for a profile: variables not in the profile at their mean over the rows
# of each year; per year an interval on the linear predictor, cumulatively on the logit of
# 1 - prod(1 - p) with the delta-method gradient.
predict_profile <- function(fit, d, c, at, years, level = 0.95) {
  z <- qnorm((1 + level) / 2)
  tt <- delete.response(terms(fit))
  fam <- fit$family
  vars <- c(c$numeric, c$factors)
  nd <- do.call(rbind, lapply(years, function(t) {
    rows <- d[d$year == t, ]
    v <- lapply(vars, function(n) if (!is.null(at[[n]])) at[[n]] else mean(rows[[n]]))
    names(v) <- vars
    as.data.frame(v)
  }))
  full <- d[rep(1, nrow(nd)), ]
  for (n in vars) full[[n]] <- nd[[n]]
  both <- rbind(d, full)
  X <- model.matrix(tt, model.frame(tt, both))[nrow(d) + seq_len(nrow(nd)), , drop = FALSE]
  V <- vcov(fit)
  eta <- drop(X %*% coef(fit))
  se <- sqrt(rowSums((X %*% V) * X))
  p <- fam$linkinv(eta)
  out <- NULL
  surv <- 1
  grad <- rep(0, ncol(X))
  for (k in seq_along(years)) {
    grad <- grad * (1 - p[k]) + surv * fam$mu.eta(eta[k]) * X[k, ]
    surv <- surv * (1 - p[k])
    cum <- 1 - surv
    se_cum <- sqrt(drop(t(grad) %*% V %*% grad))
    half <- z * se_cum / (cum * (1 - cum))
    lg <- qlogis(cum)
    y <- as.character(years[k])
    out <- rbind(out, row(c$link, "predict_p", y, p[k]), row(c$link, "predict_lower", y, fam$linkinv(eta[k] - z * se[k])),
                 row(c$link, "predict_upper", y, fam$linkinv(eta[k] + z * se[k])), row(c$link, "predict_cum", y, cum),
                 row(c$link, "predict_cum_lower", y, plogis(lg - half)), row(c$link, "predict_cum_upper", y, plogis(lg + half)))
  }
  out
}

for (c in cases) {
  d <- read.csv(file.path(dir, paste0(c$name, ".csv")), stringsAsFactors = FALSE)
  f <- as.formula(paste("event ~", c$rhs))
  fit <- glm(f, family = binomial(c$link), data = d, control = ml)
  if (!isTRUE(fit$converged)) stop(c$name, ": did not converge")
  X <- model.matrix(fit)[, -1, drop = FALSE]
  m <- data.frame(iso3 = d$iso3, year = d$year, event = d$event, check.names = FALSE)
  for (j in seq_len(ncol(X))) m[[colnames(X)[j]]] <- fmt(X[, j])
  write.csv(m, file.path(dir, paste0(c$name, "_matrix.csv")), row.names = FALSE, quote = TRUE)

  cf <- coef(fit)
  se_m <- sqrt(diag(vcov(fit)))
  se_c <- sqrt(diag(vcovCL(fit, cluster = d$iso3)))
  out <- rbind(row(c$link, "coef", names(cf), cf), row(c$link, "se_model", names(cf), se_m),
               row(c$link, "se_cluster", names(cf), se_c), row(c$link, "loglik", "", as.numeric(logLik(fit))))
  for (level in c(0.95, 0.9)) {
    tag <- sprintf("%02d", round(100 * level))
    w <- confint.default(fit, level = level)
    p <- profile_limits(fit, d, f, level)
    pm <- suppressMessages(MASS:::confint.glm(fit, level = level))
    out <- rbind(out, row(c$link, paste0("wald", tag, "_lower"), rownames(w), w[, 1]),
                 row(c$link, paste0("wald", tag, "_upper"), rownames(w), w[, 2]),
                 row(c$link, paste0("profile", tag, "_lower"), rownames(p), p[, 1]),
                 row(c$link, paste0("profile", tag, "_upper"), rownames(p), p[, 2]),
                 row(c$link, paste0("profile_mass", tag, "_lower"), rownames(pm), pm[, 1]),
                 row(c$link, paste0("profile_mass", tag, "_upper"), rownames(pm), pm[, 2]))
  }
  a <- ame(fit, d, c)
  a$fit <- c$link
  out <- rbind(out, a)
  if (!is.null(c$at)) out <- rbind(out, predict_profile(fit, d, c, c$at, c$years))
  con <- file.path(dir, paste0(c$name, "_expected.csv"))
  writeLines(c(paste0("# Expected values for ", c$name, ".csv, glm(event ~ ", c$rhs, ", binomial(\"", c$link, "\"))"),
               "# Generated by normlab-cli/src/test/R/formulas.R",
               paste0("# ", R.version.string, "; MASS ", packageVersion("MASS"), "; sandwich ", packageVersion("sandwich"))),
             con)
  suppressWarnings(write.table(out, con, sep = ",", quote = 3, qmethod = "double", row.names = FALSE, append = TRUE))
}
