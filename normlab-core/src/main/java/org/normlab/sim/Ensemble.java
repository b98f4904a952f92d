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
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.normlab.lifecycle.LifeCycleDater;
import org.normlab.lifecycle.LifeCycleRules;
import org.normlab.lifecycle.YearCounts;

/**
 * Runs replicates of a {@link Simulation} in parallel and accumulates, as each replicate finishes,
 * histograms of its yearly counts, its dated life cycle and (for a scenario against its baseline) its
 * paired differences, and the replicates in which each state is party: memory does not grow with the
 * number of replicates. Every replicate's path can be streamed to a {@link ReplicateListener} or, for
 * small ensembles, kept in memory ({@link Builder#keepPaths}).
 *
 * <p>Randomness has one owner: a {@value #ALGORITHM} generator created from the seed. It is split,
 * in replicate order, into one generator per replicate (a chunk at a time, as threads claim chunks
 * in order), and each of those into one stream per mechanism in the fixed order adoption,
 * withdrawal, thresholds, frailty, the last split again into the adoption and the withdrawal frailty
 * ({@link #streams}). A replicate therefore draws the same numbers whichever thread runs it, and
 * the summaries, sums of integers, are bit-identical for any thread count. The hazards give each state-year its own
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
    private final ReplicateListener listener;
    private final List<String> focus;

    private Ensemble(Builder b) {
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.threads = b.threads;
        this.progress = b.progress;
        this.keepPaths = b.keepPaths;
        this.rules = b.rules;
        this.listener = b.listener;
        this.focus = b.focus;
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
     * and frailty, the frailty stream split into the adoption and the withdrawal frailty, then the
     * parameter stream, split likewise into the adoption's and the withdrawal's. The streams
     * of replicate r do not depend on how many replicates follow it.
     */
    public static ReplicateStreams[] streams(long seed, int replicates) {
        var root = root(seed);
        ReplicateStreams[] out = new ReplicateStreams[replicates];
        for (int r = 0; r < replicates; r++) {
            out[r] = next(root, r);
        }
        return out;
    }

    private static RandomGenerator.SplittableGenerator root(long seed) {
        return (RandomGenerator.SplittableGenerator)
                RandomGeneratorFactory.of(ALGORITHM).create(seed);
    }

    /** The streams of replicate r, split from {@code root} after those of replicates 0..r−1. */
    private static ReplicateStreams next(RandomGenerator.SplittableGenerator root, int r) {
        RandomGenerator.SplittableGenerator replicate = root.split();
        RandomGenerator adoption = replicate.split();
        RandomGenerator withdrawal = replicate.split();
        RandomGenerator thresholds = replicate.split();
        // Split last, so that the three streams above keep the seeds they had before frailties.
        RandomGenerator.SplittableGenerator frailty = replicate.split();
        RandomGenerator adoptionFrailty = frailty.split();
        RandomGenerator withdrawalFrailty = frailty.split();
        // Split after the frailty stream, so that every stream above keeps its seed.
        RandomGenerator.SplittableGenerator parameters = replicate.split();
        RandomGenerator adoptionParameters = parameters.split();
        RandomGenerator withdrawalParameters = parameters.split();
        return new ReplicateStreams(
                r,
                adoption,
                withdrawal,
                thresholds,
                adoptionFrailty,
                withdrawalFrailty,
                adoptionParameters,
                withdrawalParameters);
    }

    /**
     * Runs the replicates of {@code simulation}.
     *
     * @throws IllegalArgumentException if a model cannot be prepared on the simulation's world
     * @throws CancellationException    if the calling thread is interrupted
     */
    public EnsembleResult run(Simulation simulation) {
        Job job = new Job(simulation, 0);
        execute(List.of(job), false, null);
        return job.result(this);
    }

    /**
     * Runs a scenario and its baseline with the same seed and so the same per-replicate streams, and
     * pairs them replicate by replicate: each replicate of both is simulated by one thread, one after
     * the other, and its paired differences are counted at once. The two simulations must cover the
     * same years and states.
     */
    public Comparison compare(Simulation scenario, Simulation baseline) {
        if (scenario.start() != baseline.start() || scenario.horizon() != baseline.horizon()) {
            throw new IllegalArgumentException("a scenario and its baseline must simulate the same years");
        }
        if (!scenario.world().iso3().equals(baseline.world().iso3())) {
            throw new IllegalArgumentException("a scenario and its baseline must cover the same states");
        }
        Job s = new Job(scenario, 0);
        Job b = new Job(baseline, 1);
        ProbabilityTally[] focusDifference = new ProbabilityTally[1];
        int[][] differences = execute(List.of(s, b), true, focusDifference);
        EnsembleResult sr = s.result(this);
        EnsembleResult br = b.result(this);
        return Comparison.paired(sr, br, differences[0], differences[1], focusDifference[0]);
    }

    /**
     * Runs a scenario whose baseline is the same simulation (no overrides, no incentives, the same
     * models) once, and pairs it with itself: every paired difference is 0. Gives the same outputs as
     * {@link #compare} of the simulation with itself at half the cost.
     */
    public Comparison compareWithItself(Simulation simulation) {
        Job job = new Job(simulation, 0);
        execute(List.of(job), false, null);
        EnsembleResult r = job.result(this);
        ProbabilityTally none = new ProbabilityTally(job.focus.length * job.frame.years, true);
        none.addZeros(replicates);
        int width = 2 * r.stateCount() + 1;
        int[] zero = new int[r.yearCount() * width];
        for (int k = 0; k < r.yearCount(); k++) {
            zero[k * width + r.stateCount()] = replicates;
        }
        return Comparison.paired(r, r, zero, zero, none);
    }

    /** Runs the jobs; with {@code paired}, also the histograms of the first minus the second's parties and withdrawn. */
    private int[][] execute(List<Job> jobs, boolean paired, ProbabilityTally[] focusDifference) {
        int chunks = (replicates + CHUNK - 1) / CHUNK;
        int total = replicates * jobs.size();
        int[] claimed = {0};
        int[] done = {0};
        List<Worker> workers = Collections.synchronizedList(new ArrayList<>());
        Runnable loop = () -> {
            Worker mine = new Worker(jobs, paired);
            workers.add(mine);
            ReplicateStreams[][] streams = new ReplicateStreams[jobs.size()][CHUNK];
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("simulation interrupted");
                }
                int from;
                int to;
                // Streams are split from each job's generator in replicate order, whichever thread claims a chunk.
                synchronized (claimed) {
                    if (claimed[0] >= chunks) {
                        return;
                    }
                    from = claimed[0]++ * CHUNK;
                    to = Math.min(replicates, from + CHUNK);
                    for (int j = 0; j < jobs.size(); j++) {
                        for (int r = from; r < to; r++) {
                            streams[j][r - from] = next(jobs.get(j).root, r);
                        }
                    }
                }
                for (int r = from; r < to; r++) {
                    mine.run(r, streams, r - from);
                }
                synchronized (done) {
                    done[0] += (to - from) * jobs.size();
                    progress.progress(done[0], total);
                }
            }
        };
        int n = Math.min(threads, chunks);
        if (n <= 1) {
            loop.run();
        } else {
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
        int[][] differences = paired ? new int[2][] : null;
        synchronized (workers) {
            for (Worker w : workers) {
                for (int j = 0; j < jobs.size(); j++) {
                    jobs.get(j).tallies.merge(w.runners[j].tallies);
                }
                for (int j = 0; j < jobs.size(); j++) {
                    jobs.get(j).focusTally.merge(w.runners[j].focusTally);
                }
                if (paired) {
                    differences[0] = sum(differences[0], w.partiesDifference);
                    differences[1] = sum(differences[1], w.withdrawnDifference);
                    if (focusDifference[0] == null) {
                        focusDifference[0] = w.focusDifference;
                    } else {
                        focusDifference[0].merge(w.focusDifference);
                    }
                }
            }
        }
        return differences;
    }

    private static int[] sum(int[] into, int[] from) {
        if (into == null) {
            return from.clone();
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
        return into;
    }

    /** One simulation's run: its prepared rules, the generator its streams are split from, and its merged tallies. */
    private final class Job {
        final int index;
        final Simulation simulation;
        final RunFrame frame;
        final TransitionRule adoption;
        final TransitionRule withdrawal;
        final RandomGenerator.SplittableGenerator root;
        /** The observed history before the start, the head of every replicate's dated series. */
        final int historyFirst;

        final int[] historyIn;
        final int[] historyParties;
        final int[] historyNew;
        final int[] historyLeft;
        final Tallies tallies;
        /** With {@link #keepPaths}: per [r * K + k] and per [r * S + s]; null otherwise. */
        final int[] parties;

        final int[] withdrawn;
        final int[] newParties;
        final int[] withdrawals;
        final int[] adoptionYear;
        final int[] withdrawalYear;
        /** The focus states' indices, and the tally of their per-replicate probabilities of having joined. */
        final int[] focus;

        final ProbabilityTally focusTally;

        Job(Simulation simulation, int index) {
            this.index = index;
            this.simulation = simulation;
            this.frame = RunFrame.of(simulation.world(), simulation.start(), simulation.horizon());
            this.adoption = simulation.adoption().prepare(frame, Transition.ADOPTION);
            this.withdrawal = simulation
                    .withdrawal()
                    .map(m -> m.prepare(frame, Transition.WITHDRAWAL))
                    .orElse(null);
            this.root = root(seed);
            this.focus = new int[Ensemble.this.focus.size()];
            for (int j = 0; j < focus.length; j++) {
                focus[j] = simulation.world().indexOf(Ensemble.this.focus.get(j));
                if (focus[j] < 0) {
                    throw new IllegalArgumentException(
                            "focus state " + Ensemble.this.focus.get(j) + " is not a state of the world");
                }
            }
            this.focusTally = new ProbabilityTally(focus.length * frame.years, false);
            List<YearCounts> history = frame.history == null ? List.of() : frame.history.rows();
            int h = history.size();
            this.historyFirst = h == 0 ? frame.start : history.get(0).year();
            this.historyIn = new int[h];
            this.historyParties = new int[h];
            this.historyNew = new int[h];
            this.historyLeft = new int[h];
            for (int i = 0; i < h; i++) {
                YearCounts y = history.get(i);
                historyIn[i] = y.inSystem();
                historyParties[i] = y.parties();
                historyNew[i] = y.newParties();
                historyLeft[i] = y.withdrawals();
            }
            this.tallies = new Tallies(frame.years, frame.states, historyFirst, h + frame.years);
            int size = keepPaths ? replicates * frame.years : 0;
            this.parties = keepPaths ? new int[size] : null;
            this.withdrawn = keepPaths ? new int[size] : null;
            this.newParties = keepPaths ? new int[size] : null;
            this.withdrawals = keepPaths ? new int[size] : null;
            this.adoptionYear = keepPaths ? new int[replicates * frame.states] : null;
            this.withdrawalYear = keepPaths ? new int[replicates * frame.states] : null;
        }

        EnsembleResult result(Ensemble ensemble) {
            return new EnsembleResult(
                    simulation,
                    frame,
                    ensemble.seed,
                    ensemble.replicates,
                    ensemble.rules,
                    tallies,
                    parties,
                    withdrawn,
                    newParties,
                    withdrawals,
                    adoptionYear,
                    withdrawalYear,
                    Ensemble.this.focus,
                    focusTally);
        }
    }

    /** One thread's runners, one per job, and, for a paired run, its histograms of the paired differences. */
    private final class Worker {
        final Runner[] runners;
        final int[] partiesDifference;
        final int[] withdrawnDifference;
        final int width;
        final ProbabilityTally focusDifference;

        Worker(List<Job> jobs, boolean paired) {
            this.runners = new Runner[jobs.size()];
            for (int j = 0; j < runners.length; j++) {
                runners[j] = new Runner(jobs.get(j));
            }
            RunFrame f = jobs.get(0).frame;
            this.width = 2 * f.states + 1;
            this.partiesDifference = paired ? new int[f.years * width] : null;
            this.withdrawnDifference = paired ? new int[f.years * width] : null;
            this.focusDifference = paired ? new ProbabilityTally(jobs.get(0).focus.length * f.years, true) : null;
        }

        void run(int r, ReplicateStreams[][] streams, int i) {
            for (int j = 0; j < runners.length; j++) {
                runners[j].run(r, streams[j][i]);
                streams[j][i] = null;
            }
            if (partiesDifference != null) {
                ReplicatePath a = runners[0].path;
                ReplicatePath b = runners[1].path;
                int mid = width / 2;
                for (int k = 0; k < a.parties.length; k++) {
                    partiesDifference[k * width + mid + a.parties[k] - b.parties[k]]++;
                    withdrawnDifference[k * width + mid + a.withdrawn[k] - b.withdrawn[k]]++;
                }
                double[] pa = runners[0].focusProbability;
                double[] pb = runners[1].focusProbability;
                for (int c = 0; c < pa.length; c++) {
                    focusDifference.add(c, pa[c] - pb[c]);
                }
            }
        }
    }

    /** One thread's replicate loop for one job, with its scratch space and tallies. */
    private final class Runner {
        final Job job;
        final Snapshot snap;
        final Snapshot template;
        final TransitionRule.Worker adopt;
        final TransitionRule.Worker withdraw;
        final int[] adopters;
        final int[] leavers;
        final ReplicatePath path;
        final Tallies tallies;
        /** The replicate's whole series (history, then simulated years), for dating its life cycle. */
        final int[] seriesIn;

        final int[] seriesParties;
        final int[] seriesNew;
        final int[] seriesLeft;
        final int[] dated = new int[LifeCycleDater.SIZE];
        /** Per [j * K + k]: focus state j's probability of having joined by simulated year k, this replicate. */
        final double[] focusProbability;

        final double[] survival;
        final ProbabilityTally focusTally;

        Runner(Job job) {
            this.job = job;
            this.snap = new Snapshot(job.frame);
            this.template = new Snapshot(job.frame);
            template.reset();
            this.adopt = job.adoption.newWorker();
            this.withdraw = job.withdrawal == null ? null : job.withdrawal.newWorker();
            this.adopters = new int[job.frame.states];
            this.leavers = new int[job.frame.states];
            this.path = new ReplicatePath(job.frame);
            this.tallies =
                    new Tallies(job.frame.years, job.frame.states, job.tallies.seriesFirst, job.tallies.seriesYears);
            int h = job.historyIn.length;
            int n = h + job.frame.years;
            this.seriesIn = new int[n];
            this.seriesParties = new int[n];
            this.seriesNew = new int[n];
            this.seriesLeft = new int[n];
            System.arraycopy(job.historyIn, 0, seriesIn, 0, h);
            System.arraycopy(job.historyParties, 0, seriesParties, 0, h);
            System.arraycopy(job.historyNew, 0, seriesNew, 0, h);
            System.arraycopy(job.historyLeft, 0, seriesLeft, 0, h);
            for (int k = 0; k < job.frame.years; k++) {
                seriesIn[h + k] = job.frame.inCount[k + 1];
            }
            this.focusProbability = new double[job.focus.length * job.frame.years];
            this.survival = new double[job.focus.length];
            this.focusTally = new ProbabilityTally(job.focus.length * job.frame.years, false);
        }

        void run(int r, ReplicateStreams streams) {
            RunFrame f = job.frame;
            int years = f.years;
            int n = f.states;
            ReplicatePath p = path;
            p.replicate = r;
            java.util.Arrays.fill(p.adoptionYear, 0);
            java.util.Arrays.fill(p.withdrawalYear, 0);
            snap.copyFrom(template);
            adopt.begin(streams);
            if (withdraw != null) {
                withdraw.begin(streams);
            }
            long atRisk = 0;
            int[] focus = job.focus;
            java.util.Arrays.fill(survival, 1.0);
            for (int k = 0; k < years; k++) {
                atRisk += snap.riskCount[0] + (withdraw == null ? 0 : snap.riskCount[1]);
                for (int j = 0; j < focus.length; j++) {
                    focusProbability[j * years + k] = joined(focus[j], j);
                }
                int na = adopt.decide(snap, adopters);
                int nw = withdraw == null ? 0 : withdraw.decide(snap, leavers);
                for (int i = 0; i < na; i++) {
                    int s = adopters[i];
                    require(s, Transition.ADOPTION);
                    snap.apply(s, Transition.ADOPTION);
                    tallies.adoptedIn[s * years + k]++;
                    p.adoptionYear[s] = f.start + k;
                }
                for (int i = 0; i < nw; i++) {
                    int s = leavers[i];
                    require(s, Transition.WITHDRAWAL);
                    snap.apply(s, Transition.WITHDRAWAL);
                    tallies.withdrewIn[s * years + k]++;
                    p.withdrawalYear[s] = f.start + k;
                }
                snap.advance();
                p.parties[k] = snap.parties;
                p.withdrawn[k] = snap.withdrawn;
                p.newParties[k] = na;
                p.withdrawals[k] = nw;
            }
            tallies.atRiskStateYears += atRisk;
            int h = job.historyIn.length;
            System.arraycopy(p.parties, 0, seriesParties, h, years);
            System.arraycopy(p.newParties, 0, seriesNew, h, years);
            System.arraycopy(p.withdrawals, 0, seriesLeft, h, years);
            LifeCycleDater.date(
                    job.historyFirst, seriesIn, seriesParties, seriesNew, seriesLeft, h + years, rules, dated);
            tallies.add(p, dated);
            for (int c = 0; c < focusProbability.length; c++) {
                focusTally.add(c, focusProbability[c]);
            }
            if (job.parties != null) {
                System.arraycopy(p.parties, 0, job.parties, r * years, years);
                System.arraycopy(p.withdrawn, 0, job.withdrawn, r * years, years);
                System.arraycopy(p.newParties, 0, job.newParties, r * years, years);
                System.arraycopy(p.withdrawals, 0, job.withdrawals, r * years, years);
                System.arraycopy(p.adoptionYear, 0, job.adoptionYear, r * n, n);
                System.arraycopy(p.withdrawalYear, 0, job.withdrawalYear, r * n, n);
            }
            listener.replicate(job.index, p);
        }

        /**
         * Focus state s's probability of having joined by the end of this year: 1 if party at the
         * start, 0 if it had withdrawn (it cannot join again), else 1 − Π (1 − p) over the years so far,
         * p its adoption probability each year given the replicate's world of the year before, its
         * frailty and parameters, evaluated as if it had not joined (its own membership left out of
         * its exposures where they exclude it).
         */
        private double joined(int s, int j) {
            byte start = job.frame.initialStatus[s];
            if (start != Status.NOT_PARTY) {
                return start == Status.PARTY ? 1.0 : 0.0;
            }
            double p = job.frame.in[snap.k + 1][s] ? adopt.probability(snap, s) : 0.0;
            if (Double.isNaN(p)) {
                throw new IllegalArgumentException(
                        "the adoption model gives no probabilities (the threshold model decides by thresholds):"
                                + " focus states need a hazard");
            }
            survival[j] *= 1 - p;
            return 1 - survival[j];
        }

        private void require(int s, Transition t) {
            byte expected = t == Transition.ADOPTION ? Status.NOT_PARTY : Status.PARTY;
            if (snap.status[s] != expected || !job.frame.in[snap.k + 1][s]) {
                throw new IllegalStateException("the " + t.label() + " model chose " + job.frame.world.iso3(s) + " in "
                        + snap.year() + ", which is not at risk of " + t.label());
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
        private ReplicateListener listener = ReplicateListener.NONE;
        private List<String> focus = List.of();

        private Builder() {}

        /**
         * Focus states (ISO3 codes): for each, per replicate and year, the probability that it has
         * joined by the end of the year ({@link EnsembleResult#joinProbability}), and for a paired run
         * its difference scenario − baseline ({@link Comparison#partyProbabilityDifference}). Memory:
         * about 3,000 ints per focus state and simulated year and thread.
         */
        public Builder focus(List<String> iso3) {
            this.focus = List.copyOf(iso3);
            return this;
        }

        /**
         * Number of replicates, 1..10,000,000. A result keeps histograms over the years and states,
         * whose size does not depend on the number of replicates; with {@link #keepPaths} it also keeps
         * four ints per replicate and year and two per replicate and state.
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
         * Whether to keep every replicate's yearly counts and the adoption and withdrawal year of every
         * state in memory, for the per-replicate accessors of {@link EnsembleResult} (e.g.
         * {@link EnsembleResult#adoptionYear}). Memory then grows with the replicates: for small
         * ensembles and tests; large runs stream replicates with {@link #replicateListener} instead.
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

        /**
         * A listener told of every replicate's history as it is simulated, e.g. to stream it to a
         * file; the ensemble itself keeps only summaries.
         */
        public Builder replicateListener(ReplicateListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** The ensemble. */
        public Ensemble build() {
            return new Ensemble(this);
        }
    }
}
