package org.normlab.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.normlab.data.CountryYearData;
import org.normlab.data.NormlabException;
import org.normlab.scenario.ScenarioException;
import org.normlab.store.NormlabStore;
import org.normlab.sweep.PointRunner;
import org.normlab.sweep.PointTask;
import org.normlab.sweep.SweepEngine;
import org.normlab.sweep.SweepJob;
import org.normlab.sweep.SweepRow;

/**
 * The sweep engine on Apache Spark: the design's points become an RDD of {@link PointTask}s, each
 * run by {@link PointRunner} on an executor (one thread per task: Spark's task slots are the
 * parallelism), and the rows are written with Spark's Parquet writer, partitioned by point. A point's
 * randomness depends only on the run seed and its index, so a task that fails and is retried gives
 * the same rows, and the rows are those of the local engine.
 *
 * <p>Executors load the data from the store file named by {@code --db} (it must be readable at the
 * same path on every executor, e.g. shipped with {@code spark-submit --files} or on a shared file
 * system), once per JVM; in local mode they share the driver's loaded data. Thread-safe.
 */
public final class SparkSweepEngine implements SweepEngine {
    /** The engine's name. */
    public static final String NAME = "spark";
    /** Columns of the results. */
    public static final StructType SCHEMA = new StructType()
            .add("point", DataTypes.IntegerType, false)
            .add("scenario", DataTypes.StringType, false)
            .add("statistic", DataTypes.StringType, false)
            .add("year", DataTypes.IntegerType, true)
            .add("value", DataTypes.DoubleType, false);
    /** Runners by store file, one per JVM, shared by the tasks the JVM runs. */
    private static final Map<String, PointRunner> RUNNERS = new ConcurrentHashMap<>();

    private final PointFunction function;

    /** The engine (found by {@link java.util.ServiceLoader} as {@code spark}). */
    public SparkSweepEngine() {
        this(new RunPoint());
    }

    /** An engine that runs points with {@code function} (for tests of failure and retry). */
    SparkSweepEngine(PointFunction function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Runs a point on an executor: the rows of the task, computed from the data in the store file. */
    @FunctionalInterface
    interface PointFunction extends java.io.Serializable {
        List<SweepRow> rows(PointTask task, String database) throws Exception;
    }

    /** The real point function. */
    static final class RunPoint implements PointFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public List<SweepRow> rows(PointTask task, String database) throws ScenarioException {
            return runner(database).run(task, 1);
        }
    }

    /**
     * This JVM's runner for the store file, loading the data on first use from a private copy of the
     * file: the file at that path, or the one {@code spark-submit --files} shipped under that name.
     * The copy keeps DuckDB's file lock away from the other executors and the file unchanged.
     */
    static PointRunner runner(String database) {
        return RUNNERS.computeIfAbsent(database, db -> {
            java.nio.file.Path file = java.nio.file.Path.of(db);
            if (!java.nio.file.Files.isRegularFile(file)) {
                file = java.nio.file.Path.of(
                        org.apache.spark.SparkFiles.get(file.getFileName().toString()));
            }
            java.nio.file.Path copy = null;
            try {
                java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("normlab-store");
                copy = tmp.resolve("normlab.duckdb");
                java.nio.file.Files.copy(file, copy);
                try (NormlabStore store = NormlabStore.open(copy)) {
                    return new PointRunner(CountryYearData.load(store));
                } finally {
                    try (var files = java.nio.file.Files.list(tmp)) {
                        for (java.nio.file.Path f : files.toList()) {
                            java.nio.file.Files.deleteIfExists(f);
                        }
                    }
                    java.nio.file.Files.deleteIfExists(tmp);
                }
            } catch (java.io.IOException e) {
                throw new NormlabException("cannot read the store " + file + " on this executor: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public List<SweepRow> run(SweepJob job, Environment env) throws ScenarioException {
        String db = env.database() == null ? "driver:" + System.identityHashCode(env.runner()) : env.database();
        // In local mode the executors are this JVM: they use the driver's loaded data.
        RUNNERS.put(db, env.runner());
        SparkSession.Builder b = SparkSession.builder().appName("normlab sweep");
        env.master().ifPresent(b::master);
        SparkSession spark = b.getOrCreate();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<PointTask> tasks = job.tasks();
        int slices = Math.max(1, Math.min(tasks.size(), 4 * jsc.defaultParallelism()));
        JavaRDD<PointTask> points = jsc.parallelize(tasks, slices);
        PointFunction f = function;
        JavaRDD<Row> rows = points.flatMap((FlatMapFunction<PointTask, Row>) t -> toRows(f.rows(t, db)));
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);
        try {
            df.write()
                    .mode(SaveMode.ErrorIfExists)
                    .partitionBy("point")
                    .parquet(env.results().toUri().toString());
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c != null) {
                if (c instanceof ScenarioException se) {
                    throw se;
                }
                c = c.getCause();
            }
            throw new NormlabException("the Spark job failed: " + e.getMessage(), e);
        }
        List<SweepRow> response = new ArrayList<>();
        if (job.design().sensitivity().isPresent()) {
            var r = job.design().sensitivity().get();
            Dataset<Row> back = spark.read()
                    .schema(SCHEMA)
                    .parquet(env.results().toUri().toString())
                    .filter(functions
                            .col("scenario")
                            .equalTo(r.scenario())
                            .and(functions.col("statistic").equalTo(r.statistic())));
            for (Row row : back.collectAsList()) {
                SweepRow s = fromRow(row);
                if (job.isResponse(s)) {
                    response.add(s);
                }
            }
        }
        env.progress().progress(job.size(), job.size());
        return response;
    }

    private static Iterator<Row> toRows(List<SweepRow> rows) {
        List<Row> out = new ArrayList<>(rows.size());
        for (SweepRow r : rows) {
            out.add(RowFactory.create(r.point(), r.scenario(), r.statistic(), r.year(), r.value()));
        }
        return out.iterator();
    }

    /** A results row as the core's record. */
    static SweepRow fromRow(Row row) {
        return new SweepRow(
                row.getInt(row.fieldIndex("point")),
                row.getString(row.fieldIndex("scenario")),
                row.getString(row.fieldIndex("statistic")),
                row.isNullAt(row.fieldIndex("year")) ? null : row.getInt(row.fieldIndex("year")),
                row.getDouble(row.fieldIndex("value")));
    }
}
