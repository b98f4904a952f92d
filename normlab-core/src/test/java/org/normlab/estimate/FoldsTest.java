package org.normlab.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FoldsTest {

    private final int[] cluster = Fixtures.panel("adoption_panel.csv").ids();

    @Test
    void sameSeedSameFoldsAndWholeClusters() {
        FoldAssignment a = Folds.byCluster(cluster, 5, 2024L);
        FoldAssignment b = Folds.byCluster(cluster, 5, 2024L);
        assertThat(a).isEqualTo(b);
        assertThat(Folds.byCluster(cluster, 5, 2025L)).isNotEqualTo(a);
        Map<Integer, Integer> foldOf = new HashMap<>();
        int[] clustersPerFold = new int[5];
        for (int i = 0; i < cluster.length; i++) {
            Integer prev = foldOf.putIfAbsent(cluster[i], a.foldOf(i));
            if (prev == null) {
                clustersPerFold[a.foldOf(i)]++;
            } else {
                assertThat(a.foldOf(i))
                        .as("cluster %d split across folds", cluster[i])
                        .isEqualTo(prev);
            }
        }
        // 150 states dealt to 5 folds.
        assertThat(clustersPerFold).containsOnly(30);
    }

    @Test
    void assignmentDoesNotDependOnRowOrder() {
        int[] reversed = new int[cluster.length];
        for (int i = 0; i < cluster.length; i++) {
            reversed[i] = cluster[cluster.length - 1 - i];
        }
        FoldAssignment a = Folds.byCluster(cluster, 4, 7L);
        FoldAssignment r = Folds.byCluster(reversed, 4, 7L);
        for (int i = 0; i < cluster.length; i++) {
            assertThat(r.foldOf(cluster.length - 1 - i)).isEqualTo(a.foldOf(i));
        }
    }

    @Test
    void splitsPartitionTheRows() {
        FoldAssignment a = Folds.byCluster(cluster, 3, 1L);
        int covered = 0;
        for (int f = 0; f < 3; f++) {
            Split s = a.split(f);
            int fold = f;
            assertThat(s.train().length + s.test().length).isEqualTo(cluster.length);
            assertThat(IntStream.of(s.test()).allMatch(i -> a.foldOf(i) == fold))
                    .isTrue();
            assertThat(IntStream.of(s.train()).noneMatch(i -> a.foldOf(i) == fold))
                    .isTrue();
            covered += s.test().length;
        }
        assertThat(covered).isEqualTo(cluster.length);
        assertThatThrownBy(() -> Folds.byCluster(new int[] {1, 1, 2}, 3, 1L))
                .isInstanceOf(EstimationException.class)
                .hasMessageContaining("from 2 clusters");
    }

    @Test
    void timeSplitByCutoffYear() {
        int[] year = {1990, 1995, 1991, 2000, 1995, 1996};
        Split s = Folds.byYear(year, 1995);
        assertThat(s.train()).containsExactly(0, 1, 2, 4);
        assertThat(s.test()).containsExactly(3, 5);
        assertThatThrownBy(() -> Folds.byYear(year, 2000))
                .hasMessageContaining("no test rows")
                .hasMessageContaining("1990-2000");
        assertThat(Arrays.stream(Folds.byYear(year, 1990).train()).toArray()).containsExactly(0);
    }
}
