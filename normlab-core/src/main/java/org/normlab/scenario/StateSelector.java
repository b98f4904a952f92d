package org.normlab.scenario;

import java.util.Objects;
import org.normlab.sim.SimWorld;

/**
 * One item of a scenario's {@code states} list: all states, one state by ISO3 code, or the states
 * of a region or subregion (by the world's names). Immutable.
 */
public sealed interface StateSelector {

    /** Whether state s of {@code world} is selected. */
    boolean matches(SimWorld world, int s);

    /** Every state. */
    record All() implements StateSelector {
        @Override
        public boolean matches(SimWorld world, int s) {
            return true;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /** One state. @param iso3 its ISO 3166-1 alpha-3 code */
    record State(String iso3) implements StateSelector {
        public State {
            Objects.requireNonNull(iso3, "iso3");
        }

        @Override
        public boolean matches(SimWorld world, int s) {
            return world.iso3(s).equals(iso3);
        }

        @Override
        public String toString() {
            return iso3;
        }
    }

    /** The states of a region. @param name the region's name in the world */
    record Region(String name) implements StateSelector {
        public Region {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean matches(SimWorld world, int s) {
            return world.region(s).equals(name);
        }

        @Override
        public String toString() {
            return "{region: " + name + "}";
        }
    }

    /** The states of a subregion. @param name the subregion's name in the world */
    record Subregion(String name) implements StateSelector {
        public Subregion {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public boolean matches(SimWorld world, int s) {
            return world.subregion(s).equals(name);
        }

        @Override
        public String toString() {
            return "{subregion: " + name + "}";
        }
    }
}
