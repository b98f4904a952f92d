# An indicator of text categories for the formula checks: Polity5's regime type of each
# country-year, from the bundled polity2 score as the Polity5 user's manual classifies it
# (autocracy -10 to -6, anocracy -5 to 5, democracy 6 to 10). Country-years without a polity2
# score are left out (unknown).
#
# Run from the repository root: Rscript normlab-cli/src/test/R/regime_type.R
# It writes normlab-cli/src/test/resources/rcheck/regime_type.csv, which formula3 imports with
#   ./normlab data import --kind indicators --text regime_type normlab-cli/src/test/resources/rcheck/regime_type.csv
src <- file.path("normlab-core", "src", "main", "resources", "org", "normlab", "data", "bundled", "regime",
                 "regime_country_year.csv")
d <- read.csv(src, stringsAsFactors = FALSE)
d <- d[!is.na(d$polity2) & nzchar(d$iso3), ]
type <- ifelse(d$polity2 <= -6, "autocracy", ifelse(d$polity2 >= 6, "democracy", "anocracy"))
out <- data.frame(iso3 = d$iso3, year = d$year, name = "regime_type", value = type,
                  source = "Polity5")
out <- out[order(out$iso3, out$year), ]
write.csv(out, file.path("normlab-cli", "src", "test", "resources", "rcheck", "regime_type.csv"),
          row.names = FALSE, quote = FALSE)
