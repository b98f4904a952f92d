package org.normlab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.normlab.sim.FrailtyMode;
import org.normlab.sim.LinearIndexHazard;

/**
 * A {@link Scenario} built in code written out as the file {@link ScenarioReader} reads: the tree of
 * fields of {@code docs/scenarios.md} and its YAML text, so that a scenario made by the study can be
 * saved, read back and run with {@code normlab simulate}. Stateless.
 */
public final class ScenarioTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScenarioTree() {}

    /**
     * The scenario's fields as a JSON tree. Model sources of every kind are written (a saved fit by
     * its path inside the scenario's folder); the threshold model is not, and is refused.
     *
     * @throws IllegalArgumentException for a scenario with the threshold model
     */
    public static ObjectNode of(Scenario s) {
        if (s.threshold().isPresent()) {
            throw new IllegalArgumentException("a scenario with the threshold model is not written as a tree");
        }
        ObjectNode root = NODES.objectNode();
        root.put("instrument", s.instrument());
        ObjectNode model = root.putObject("model");
        s.model().adoption().ifPresent(m -> {
            source(model, m, s.model().adoptionFrailty());
            if (s.model().frailtyMode() != FrailtyMode.PRIOR) {
                model.put("frailty", s.model().frailtyMode().label());
            }
            if (s.model().uncertainty()) {
                model.put("uncertainty", "coefficients");
            }
            s.model().covariance().ifPresent(c -> {
                ObjectNode cov = model.putObject("covariance");
                ArrayNode names = cov.putArray("names");
                c.names().forEach(names::add);
                ArrayNode rows = cov.putArray("matrix");
                for (double[] row : c.matrix()) {
                    ArrayNode r = rows.addArray();
                    for (double v : row) {
                        r.add(v);
                    }
                }
            });
        });
        s.model()
                .withdrawal()
                .ifPresent(
                        m -> source(model.putObject("withdrawal"), m, s.model().withdrawalFrailty()));
        root.put("start", s.start());
        root.put("horizon", s.horizon());
        if (!s.overrides().isEmpty()) {
            ArrayNode a = root.putArray("overrides");
            for (CovariateOverride o : s.overrides()) {
                ObjectNode n = a.addObject();
                n.set("states", states(o.states()));
                n.put("variable", o.variable());
                n.set("years", years(o.years()));
                if (o.change() instanceof CovariateOverride.Change.SetTo v) {
                    n.put("value", v.value());
                } else if (o.change() instanceof CovariateOverride.Change.Shift d) {
                    n.put("delta", d.delta());
                }
            }
        }
        if (!s.incentives().isEmpty()) {
            ArrayNode a = root.putArray("incentives");
            for (Incentive x : s.incentives()) {
                ObjectNode n = a.addObject();
                n.put("name", x.name());
                if (x.like().isPresent()) {
                    n.putObject("coefficient").put("term", x.like().get());
                } else {
                    n.put("coefficient", x.coefficient());
                }
                n.set("states", states(x.states()));
                n.set("years", years(x.years()));
            }
        }
        return root;
    }

    /** The scenario as YAML text, as {@link ScenarioReader#parse} reads it. */
    public static String yaml(Scenario s) {
        ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build());
        try {
            return mapper.writeValueAsString(of(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scenario tree is always writable", e);
        }
    }

    private static void source(ObjectNode into, ModelSource m, OptionalDouble frailty) {
        if (m instanceof ModelSource.Coefficients c) {
            LinearIndexHazard h = c.hazard();
            ObjectNode co = into.putObject("coefficients");
            for (Map.Entry<String, Double> e : h.coefficients().entrySet()) {
                co.put(e.getKey(), e.getValue());
            }
            into.put("link", h.link().label());
        } else if (m instanceof ModelSource.Spec sp) {
            into.put("spec", sp.name());
            sp.link().ifPresent(l -> into.put("link", l.label()));
        } else if (m instanceof ModelSource.Fit f) {
            into.put("fit", f.file().toString().replace('\\', '/'));
        }
        frailty.ifPresent(sd -> into.put("frailty_sd", sd));
    }

    private static ArrayNode states(List<StateSelector> states) {
        ArrayNode a = NODES.arrayNode();
        for (StateSelector sel : states) {
            if (sel instanceof StateSelector.All) {
                a.add("all");
            } else if (sel instanceof StateSelector.State st) {
                a.add(st.iso3());
            } else if (sel instanceof StateSelector.Region r) {
                a.addObject().put("region", r.name());
            } else if (sel instanceof StateSelector.Subregion r) {
                a.addObject().put("subregion", r.name());
            }
        }
        return a;
    }

    private static ObjectNode years(YearRange y) {
        ObjectNode n = NODES.objectNode();
        n.put("from", y.from());
        n.put("to", y.to());
        return n;
    }
}
