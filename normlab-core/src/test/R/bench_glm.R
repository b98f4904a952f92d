# Times R's glm.fit on the synthetic panel of normlab-bench's FitBenchmark, for comparison
# with the JMH figures of the Java estimator.
#
# 1. Build the benchmark jar and write the panel (the Java generator is seeded, so these are
#    exactly the rows JMH fits):
#      mvn -q -o install -DskipTests && mvn -q -pl normlab-bench package
#      java -cp normlab-bench/target/benchmarks.jar org.normlab.bench.FitBenchmark 1000000 /tmp/fit_bench_1e6.csv
# 2. Time glm.fit (default control: epsilon 1e-8, maxit 25), best of 3 runs:
#      Rscript normlab-core/src/test/R/bench_glm.R /tmp/fit_bench_1e6.csv
# Reading the CSV is not timed; neither is building the model matrix.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 1) stop("usage: Rscript bench_glm.R FILE.csv [REPS]")
reps <- if (length(args) >= 2) as.integer(args[2]) else 3L

d <- read.csv(args[1], colClasses = "numeric")
X <- cbind("(Intercept)" = 1, as.matrix(d[, setdiff(names(d), "event")]))
y <- d$event
cat(sprintf("%d rows x %d columns (with intercept), %d events\n", nrow(X), ncol(X), sum(y)))

times <- numeric(reps)
for (r in seq_len(reps)) {
  gc()
  times[r] <- system.time(fit <- glm.fit(X, y, family = binomial()))[["elapsed"]]
}
cat(sprintf("glm.fit elapsed (s): %s\n", paste(sprintf("%.3f", times), collapse = " ")))
cat(sprintf("best %.3f s, median %.3f s, %d iterations, log-likelihood %.6f\n", min(times),
            median(times), fit$iter, (fit$aic - 2 * fit$rank) / -2))
cat(sprintf("%s; BLAS: %s\n", R.version.string, extSoftVersion()[["BLAS"]]))
