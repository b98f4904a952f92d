package org.normlab.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.normlab.lifecycle.LifeCycleRules;

/**
 * Runs replicates of a {@link Simulation} in parallel and collects their yearly counts, each state's
 * probability of being party, and (optionally) every replicate's path.
 *
 * <p>Randomness has one owner: a {@value #ALGORITHM} generator created from the seed. Before any
 * parallel work it is split, in replicate order, into one generator per replicate, and each of those
 * into one stream per mechanism in the fixed order adoption, withdrawal, thresholds, frailty, the
 * last split again into the adoption and the withdrawal frailty ({@link #streams}). A replicate therefore draws the same numbers whichever thread runs it, and
 * results are bit-identical for any thread count. The hazards give each state-year its own
 * substream keyed by the replicate's mechanism stream ({@link Uniforms}), so a state's draw in a
 * year is the same in a scenario and its baseline whatever happened before: {@link #compare} pairs
 * them replicate by replicate (common random numbers).
 *
 * <p>The engine owns the clock: each year every model decides from the snapshot of last year's
 * world, then all transitions are applied at once, then the system and alliance flags move on.
 * Immutable and thread-safe; every call creates (and shuts down) its own threads.
 */
public final class Ensemble {
    /** The random number algorithm, named as {@link RandomGeneratorFactory} knows it. */
    public static final String ALGORITHM = "L64X128MixRandom";
    private static final int CHUNK = 16;

    private final int replicates;
    private final long seed;
    private final int threads;
    private final ProgressListener progress;
    private final boolean keepPaths;
    private final LifeCycleRules rules;

    private Ensemble(Builder b) {
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.threads = b.threads;
        this.progress = b.progress;
        this.keepPaths = b.keepPaths;
        this.rules = b.rules;
    }

    /** A builder with 1000 replicates, seed 1, all cores, no progress, no paths, default life-cycle rules. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of replicates. */
    public int replicates() {
        return replicates;
    }

    /** Seed of the run's generator. */
    public long seed() {
        return seed;
    }

    /** Number of worker threads. */
    public int threads() {
        return threads;
    }

    /**
     * The per-replicate, per-mechanism streams of a run, split in a fixed order from one generator:
     * per replicate, in replicate order, one generator, and from it adoption, withdrawal, thresholds
     * and frailty, the frailty stream split into the adoption and the withdrawal frailty. The streams
     * of replicate r do not depend on how many replicates follow it.
     */
    public static ReplicateStreams[] streams(long seed, int replicates) {
        var root = (RandomGenerator.SplittableGenerator) RandomGeneratorFactory.of(ALGORITHM).create(seed);
        ReplicateStreams[] out = new ReplicateStreams[replicates];
        for (int r = 0; r < replicates; r++) {
            RandomGenerator.SplittableGenerator replicate = root.split();
            RandomGenerator adoption = replicate.split();
            RandomGenerator withdrawal = replicate.split();
            RandomGenerator thresholds = replicate.split();
            // Split last, so that the three streams above keep the seeds they had before frailties.
            RandomGenerator.SplittableGenerator frailty = replicate.split();
            RandomGenerator adoptionFrailty = frailty.split();
            RandomGenerator withdrawalFrailty = frailty.split();
            out[r] = new ReplicateStreams(r, adoption, withdrawal, thresholds, adoptionFrailty, withdrawalFrailty);
        }
        return out;
    }

    /**
     * Runs the replicates of {@code simulation}.
     *
     * @throws IllegalArgumentException if a model cannot be prepared on the simulation's world
     * @throws CancellationException    if the calling thread is interrupted
     */
    public EnsembleResult run(Simulation simulation) {
        Job job = new Job(simulation, 0);
        execute(List.of(job));
        return job.result(this);
    }

    /**
     * Runs a scenario and its baseline with the same seed and so the same per-replicate streams, and
     * pairs them. The two simulations must cover the same years and states.
     */
    public Comparison compare(Simulation scenario, Simulation baseline) {
        if (scenario.start() != baseline.start() || scenario.horizon() != baseline.horizon()) {
            throw new IllegalArgumentException("a scenario and its baseline must simulate the same years");
        }
        Job b = new Job(baseline, 0);
        Job s = new Job(scenario, 1);
        execute(List.of(b, s));
        return Comparison.of(s.result(this), b.result(this));
    }

    private void execute(List<Job> jobs) {
        List<int[]> tasks = new ArrayList<>();
        for (Job j : jobs) {
            for (int from = 0; from < replicates; from += CHUNK) {
                tasks.add(new int[] {j.index, from, Math.min(replicates, from + CHUNK)});
            }
        }
        int total = replicates * jobs.size();
        AtomicInteger next = new AtomicInteger();
        int[] done = {0};
        Runnable loop = () -> {
            Runner[] mine = new Runner[jobs.size()];
            int t;
            while ((t = next.getAndIncrement()) < tasks.size()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("simulation interrupted");
                }
                int[] task = tasks.get(t);
                Job job = jobs.get(task[0]);
                if (mine[task[0]] == null) {
                    mine[task[0]] = new Runner(job);
                    job.runners.add(mine[task[0]]);
                }
                for (int r = task[1]; r < task[2]; r++) {
                    mine[task[0]].run(r);
                }
                synchronized (done) {
                    done[0] += task[2] - task[1];
                    progress.progress(done[0], total);
                }
            }
        };
        int n = Math.min(threads, tasks.size());
        if (n <= 1) {
            loop.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread th = new Thread(r, "normlab-sim");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(loop));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("simulation interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One simulation's run: its prepared rules, streams and result arrays. */
    private final class Job {
        final int index;
        final Simulation simulation;
        final RunFrame frame;
        final TransitionRule adoption;
        final TransitionRule withdrawal;
        final ReplicateStreams[] streams;
        final int[] parties;
        final int[] withdrawn;
        final int[] newParties;
        final int[] withdrawals;
        final int[] adoptionYear;
        final int[] withdrawalYear;
        final List<Runner> runners = Collections.synchronizedList(new ArrayList<>());

        Job(Simulation simulation, int index) {
            this.index = index;
            this.simulation = simulation;
            this.frame = RunFrame.of(simulation.world(), simulation.start(), simulation.horizon());
            this.adoption = simulation.adoption().prepare(frame, Transition.ADOPTION);
            this.withdrawal = simulation.withdrawal().map(m -> m.prepare(frame, Transition.WITHDRAWAL)).orElse(null);
            this.streams = streams(seed, replicates);
            int size = replicates * frame.years;
            this.parties = new int[size];
            this.withdrawn = new int[size];
            this.newParties = new int[size];
            this.withdrawals = new int[size];
            this.adoptionYear = keepPaths ? new int[replicates * frame.states] : null;
            this.withdrawalYear = keepPaths ? new int[replicates * frame.states] : null;
        }

        EnsembleResult result(Ensemble ensemble) {
            int cells = frame.states * frame.years;
            int[] adopted = new int[cells];
            int[] withdrew = new int[cells];
            long atRisk = 0;
            synchronized (runners) {
                for (Runner r : runners) {
                    atRisk += r.atRiskYears;
                    for (int i = 0; i < cells; i++) {
                        adopted[i] += r.adoptedIn[i];
                        withdrew[i] += r.withdrewIn[i];
                    }
                }
            }
            return new EnsembleResult(simulation, frame, ensemble.seed, ensemble.replicates, ensemble.rules,
                    parties, withdrawn, newParties, withdrawals, adopted, withdrew, adoptionYear, withdrawalYear,
                    atRisk);
        }
    }

    /** One thread's replicate loop for one job, with its scratch space and event counts. */
    private final class Runner {
        final Job job;
        final Snapshot snap;
        final Snapshot template;
        final TransitionRule.Worker adopt;
        final TransitionRule.Worker withdraw;
        final int[] adopters;
        final int[] leavers;
        /** Per [s * K + k]: replicates in which s adopted (withdrew) in simulated year k. */
        final int[] adoptedIn;
        final int[] withdrewIn;
        long atRiskYears;

        Runner(Job job) {
            this.job = job;
            this.snap = new Snapshot(job.frame);
            this.template = new Snapshot(job.frame);
            template.reset();
            this.adopt = job.adoption.newWorker();
            this.withdraw = job.withdrawal == null ? null : job.withdrawal.newWorker();
            this.adopters = new int[job.frame.states];
            this.leavers = new int[job.frame.states];
            this.adoptedIn = new int[job.frame.states * job.frame.years];
            this.withdrewIn = new int[job.frame.states * job.frame.years];
        }

        void run(int r) {
            RunFrame f = job.frame;
            int years = f.years;
            int n = f.states;
            ReplicateStreams streams = job.streams[r];
            job.streams[r] = null;
            snap.copyFrom(template);
            adopt.begin(streams);
            if (withdraw != null) {
                withdraw.begin(streams);
            }
            for (int k = 0; k < years; k++) {
                atRiskYears += snap.riskCount[0] + (withdraw == null ? 0 : snap.riskCount[1]);
                int na = adopt.decide(snap, adopters);
                int nw = withdraw == null ? 0 : withdraw.decide(snap, leavers);
                for (int i = 0; i < na; i++) {
                    int s = adopters[i];
                    require(s, Transition.ADOPTION);
                    snap.apply(s, Transition.ADOPTION);
                    adoptedIn[s * years + k]++;
                    if (job.adoptionYear != null) {
                        job.adoptionYear[r * n + s] = f.start + k;
                    }
                }
                for (int i = 0; i < nw; i++) {
                    int s = leavers[i];
                    require(s, Transition.WITHDRAWAL);
                    snap.apply(s, Transition.WITHDRAWAL);
                    withdrewIn[s * years + k]++;
                    if (job.withdrawalYear != null) {
                        job.withdrawalYear[r * n + s] = f.start + k;
                    }
                }
                snap.advance();
                int i = r * years + k;
                job.parties[i] = snap.parties;
                job.withdrawn[i] = snap.withdrawn;
                job.newParties[i] = na;
                job.withdrawals[i] = nw;
            }
        }

        private void require(int s, Transition t) {
            byte expected = t == Transition.ADOPTION ? Status.NOT_PARTY : Status.PARTY;
            if (snap.status[s] != expected || !job.frame.in[snap.k + 1][s]) {
                throw new IllegalStateException("the " + t.label() + " model chose " + job.frame.world.iso3(s)
                        + " in " + snap.year() + ", which is not at risk of " + t.label());
            }
        }
    }

    /**
     * Builds an {@link Ensemble}. Not thread-safe.
     */
    public static final class Builder {
        private int replicates = 1000;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress = ProgressListener.NONE;
        private boolean keepPaths;
        private LifeCycleRules rules = LifeCycleRules.defaults();

        private Builder() {
        }

        /**
         * Number of replicates, 1..10,000,000. A result keeps four counts per replicate and year
         * (16 bytes), plus two ints per replicate and state with {@link #keepPaths}.
         */
        public Builder replicates(int n) {
            if (n < 1 || n > 10_000_000) {
                throw new IllegalArgumentException("replicates must be in 1..10,000,000, got " + n);
            }
            this.replicates = n;
            return this;
        }

        /** Seed of the run's generator. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads, at least 1; the default is the number of cores. Results do not depend on it. */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /** A listener told of replicates done. */
        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether to keep each replicate's adoption and withdrawal year of every state (two ints per
         * replicate and state), for {@link EnsembleResult#adoptionYear}.
         */
        public Builder keepPaths(boolean keep) {
            this.keepPaths = keep;
            return this;
        }

        /** Rules dating the life-cycle stages of each replicate. */
        public Builder lifecycleRules(LifeCycleRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** The ensemble. */
        public Ensemble build() {
            return new Ensemble(this);
        }
    }
}
