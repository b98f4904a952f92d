# Expected values of the continuous ranked probability score (CRPS) of an ensemble of integer counts,
# for ReplayStepCrpsTest (normlab-core/src/test/java/org/normlab/study/). The study scores its replay
# of history by the CRPS of the simulated yearly number of parties against the observed number.
#
# Reference: the energy form of the CRPS of the empirical distribution of a sample x against y
# (the kernel form of the score), CRPS = mean|x - y| - 0.5 * mean|x - x'|, computed here over
# all pairs; the Java code computes the sum over integers of (F(v) - 1{v >= y})^2 instead, which is
# the same number for an integer-valued sample.
#
# Run from the repository root: Rscript normlab-core/src/test/R/crps_fixtures.R
# Writes normlab-core/src/test/resources/study/crps_expected.csv (case, y, values, crps).
crps_energy <- function(x, y) mean(abs(x - y)) - 0.5 * mean(abs(outer(x, x, "-")))
set.seed(20261201)
cases <- list(
  list(name = "point_hit", x = c(5L, 5L, 5L), y = 5L),
  list(name = "point_miss", x = c(5L, 5L, 5L), y = 8L),
  list(name = "spread_inside", x = c(1L, 2L, 2L, 3L, 7L), y = 3L),
  list(name = "below_all", x = c(10L, 12L, 15L, 15L), y = 4L),
  list(name = "above_all", x = c(10L, 12L, 15L, 15L), y = 30L),
  list(name = "poisson_sample", x = rpois(200, 40), y = 37L),
  list(name = "negative_values", x = c(-3L, -1L, 0L, 2L), y = -2L)
)
rows <- do.call(rbind, lapply(cases, function(k) data.frame(
  case = k$name, y = k$y, values = paste(k$x, collapse = " "),
  crps = sprintf("%.15g", crps_energy(k$x, k$y)))))
write.csv(rows, "normlab-core/src/test/resources/study/crps_expected.csv", row.names = FALSE, quote = TRUE)
