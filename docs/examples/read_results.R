# Read normlab's database and outputs from R (duckdb, arrow).
#
# Usage: Rscript read_results.R DB.duckdb PANEL.parquet CURVE.csv
#   DB.duckdb      the normlab database (`normlab data where` prints its path)
#   PANEL.parquet  a risk set written by `normlab panel ... --out PANEL.parquet`
#   CURVE.csv      curve.csv written by `normlab simulate ... --out DIR`
suppressPackageStartupMessages({
  library(DBI)
  library(duckdb)
  library(arrow)
})

args <- commandArgs(trailingOnly = TRUE)
db <- args[1]; panel_file <- args[2]; curve_file <- args[3]

# The database: open it read-only, so normlab can keep using it.
con <- dbConnect(duckdb(), dbdir = db, read_only = TRUE)
parties <- dbGetQuery(con, paste(
  "SELECT count(*) AS n FROM participation",
  "WHERE instrument_id = 'mine-ban' AND consent_date IS NOT NULL AND withdrawal_effective_date IS NULL"))$n
polyarchy <- dbGetQuery(con, "SELECT iso3, year, value FROM indicator_value WHERE name = 'polyarchy'")
dbDisconnect(con, shutdown = TRUE)

# A Parquet risk set with arrow; fit the same model as `normlab fit` with glm.
panel <- as.data.frame(read_parquet(panel_file))
fit <- glm(event ~ . - iso3 - year, family = binomial, data = panel)

# CSV outputs load with read.csv.
curve <- read.csv(curve_file)

cat(sprintf("parties %d\n", as.integer(parties)))
cat(sprintf("polyarchy rows %d\n", nrow(polyarchy)))
cat(sprintf("panel rows %d events %d\n", nrow(panel), as.integer(sum(panel$event))))
cat(sprintf("glm converged %s\n", fit$converged))
cat(sprintf("curve years %d-%d\n", min(curve$year), max(curve$year)))
