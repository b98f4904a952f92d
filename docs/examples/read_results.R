# Read normlab's outputs from R and refit normlab's model with glm.
#
# Part 1 needs only base R: it reads the CSV files normlab writes.
#   Rscript read_results.R PARTICIPATION.csv PANEL.csv FIT.csv CURVE.csv [DB.duckdb PANEL.parquet]
#   PARTICIPATION.csv  normlab data export participation --out PARTICIPATION.csv
#   PANEL.csv          normlab panel --spec two-level --out PANEL.csv
#   FIT.csv            normlab fit --spec two-level --se model --format csv > FIT.csv
#   CURVE.csv          curve.csv of normlab simulate --scenario S.yaml --out DIR
# Part 2 is optional: where the duckdb and arrow packages are installed and the last two arguments
# are given, it reads the database and a Parquet risk set directly.
#   DB.duckdb          the normlab database (normlab data where prints its path)
#   PANEL.parquet      normlab panel --spec two-level --out PANEL.parquet

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 4) {
  stop("usage: Rscript read_results.R PARTICIPATION.csv PANEL.csv FIT.csv CURVE.csv [DB.duckdb PANEL.parquet]")
}

# ---- Part 1: base R on normlab's CSV files ------------------------------------------------------

# A stored table: dates are ISO text, an empty cell is missing.
participation <- read.csv(args[1], colClasses = "character", na.strings = "")
mine_ban <- participation[participation$instrument_id == "mine-ban", ]
parties <- sum(!is.na(mine_ban$consent_date) & is.na(mine_ban$withdrawal_effective_date))
cat(sprintf("parties %d\n", parties))

# The risk set: one row per state-year at risk, the event and the model's variables.
# check.names = FALSE keeps the names of formula columns (conflict_territorial:polyarchy).
panel <- read.csv(args[2], check.names = FALSE)
cat(sprintf("panel rows %d events %d\n", nrow(panel), sum(panel$event)))

# The same model as `normlab fit --spec two-level`: a logit of the event on every variable of the
# panel, fitted to full precision so that the two estimates can be compared digit by digit.
fit <- glm(event ~ . - iso3 - year, family = binomial(link = "logit"), data = panel,
           control = glm.control(epsilon = 1e-14, maxit = 100))
est <- coef(summary(fit))
for (term in rownames(est)) {
  cat(sprintf("glm %s %.12g %.12g\n", term, est[term, "Estimate"], est[term, "Std. Error"]))
}
cat(sprintf("glm loglik %.12g n %d\n", as.numeric(logLik(fit)), nobs(fit)))

# normlab's estimates of the same model (model-based standard errors, as glm's).
normlab <- read.csv(args[3])
normlab <- normlab[normlab$quantity == "coefficient", ]
rownames(normlab) <- normlab$term
common <- intersect(rownames(est), normlab$term)
cat(sprintf("terms compared %d of %d\n", length(common), nrow(est)))
cat(sprintf("max abs difference coefficient %.3g se %.3g\n",
            max(abs(est[common, "Estimate"] - normlab[common, "estimate"])),
            max(abs(est[common, "Std. Error"] - normlab[common, "se"]))))

# A simulation's curve: mean parties per year over the replicates.
curve <- read.csv(args[4])
cat(sprintf("curve years %d-%d\n", min(curve$year), max(curve$year)))
cat(sprintf("curve parties_mean last %.4f\n", curve$parties_mean[nrow(curve)]))

# ---- Part 2 (optional): the database with duckdb, Parquet with arrow ----------------------------

optional <- c("DBI", "duckdb", "arrow")
if (length(args) >= 6 && all(vapply(optional, requireNamespace, logical(1), quietly = TRUE))) {
  # Open the database read-only, so normlab can keep using it.
  con <- DBI::dbConnect(duckdb::duckdb(), dbdir = args[5], read_only = TRUE)
  n <- DBI::dbGetQuery(con, paste(
    "SELECT count(*) AS n FROM participation",
    "WHERE instrument_id = 'mine-ban' AND consent_date IS NOT NULL AND withdrawal_effective_date IS NULL"))$n
  DBI::dbDisconnect(con, shutdown = TRUE)
  parquet <- as.data.frame(arrow::read_parquet(args[6]))
  cat(sprintf("duckdb parties %d\n", as.integer(n)))
  cat(sprintf("arrow panel rows %d\n", nrow(parquet)))
} else {
  cat("optional part skipped: needs the DBI, duckdb and arrow packages and the DB and PANEL.parquet arguments\n")
}
