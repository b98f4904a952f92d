package org.normlab.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.normlab.sweep.SweepDesign.NamedScenario;
import org.normlab.sweep.SweepDesign.Response;

/**
 * A design with its points laid out: what an engine runs. {@link #task} gives the self-contained
 * task of a point; {@link #response} picks the sensitivity response out of the results.
 * Immutable and thread-safe.
 */
public final class SweepJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SweepDesign design;
    private final double[][] points;

    private SweepJob(SweepDesign design) {
        this.design = Objects.requireNonNull(design, "design");
        this.points = DesignPoints.of(design);
    }

    /** The job of a design. */
    public static SweepJob of(SweepDesign design) {
        return new SweepJob(design);
    }

    /** The design. */
    public SweepDesign design() {
        return design;
    }

    /** Number of points. */
    public int size() {
        return points.length;
    }

    /** The parameter values of point i, in the design's parameter order (a copy). */
    public double[] values(int i) {
        return points[i].clone();
    }

    /** The seed of point i. */
    public long seed(int i) {
        return DesignPoints.seed(design.seed(), i);
    }

    /** The task of point i: every scenario with the point's values set. */
    public PointTask task(int i) {
        List<NamedScenario> scenarios = new ArrayList<>();
        for (NamedScenario s : design.scenarios()) {
            try {
                ObjectNode tree = (ObjectNode) JSON.readTree(s.json());
                for (int j = 0; j < points[i].length; j++) {
                    String path = design.parameters().get(j).path();
                    ScenarioPaths.set(tree, path, points[i][j]).ifPresent(why -> {
                        throw new IllegalStateException(path + ": " + why);
                    });
                }
                scenarios.add(new NamedScenario(s.name(), JSON.writeValueAsString(tree), s.folder()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PointTask(i, seed(i), scenarios, design.replicates(), design.outputs());
    }

    /** Every task, in point order. */
    public List<PointTask> tasks() {
        List<PointTask> out = new ArrayList<>(points.length);
        for (int i = 0; i < points.length; i++) {
            out.add(task(i));
        }
        return out;
    }

    /** Whether a row is the sensitivity response of its point. */
    public boolean isResponse(SweepRow row) {
        if (design.sensitivity().isEmpty()) {
            return false;
        }
        Response r = design.sensitivity().get();
        return row.scenario().equals(r.scenario())
                && row.statistic().equals(r.statistic())
                && (r.year().isEmpty()
                        ? row.year() == null
                        : row.year() != null && row.year() == r.year().getAsInt());
    }

    /** The response per point, NaN where a point has none (e.g. no replicate tipped). */
    public double[] response(List<SweepRow> rows) {
        double[] y = new double[points.length];
        Arrays.fill(y, Double.NaN);
        for (SweepRow r : rows) {
            if (isResponse(r)) {
                y[r.point()] = r.value();
            }
        }
        return y;
    }
}
