package org.emotionanalyser.local.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PipelineBenchmarkTest {

    @Test
    void idealQueueLatencies_whenImagesArriveTogether_expectEachWaitsForThoseBefore() {
        double[] latencies = PipelineBenchmark.idealQueueLatencies(new double[] {0, 0, 0, 0}, 0.5);

        assertThat(latencies).containsExactly(new double[] {0.5, 1.0, 1.5, 2.0}, within(1e-9));
    }

    @Test
    void idealQueueLatencies_whenImagesArriveSlowerThanTheyAreServed_expectNoWaiting() {
        double[] latencies = PipelineBenchmark.idealQueueLatencies(new double[] {0, 1, 2, 3}, 0.25);

        assertThat(latencies).containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(1e-9));
    }

    @Test
    void idealQueueLatencies_whenABacklogDrainsBeforeTheNextArrival_expectTheNextServedAtOnce() {
        // two together (the second waits), then one after the backlog is gone
        double[] latencies = PipelineBenchmark.idealQueueLatencies(new double[] {0, 0, 5}, 1);

        assertThat(latencies).containsExactly(new double[] {1, 1, 2}, within(1e-9));
    }

    @Test
    void percentile_whenNinetyFifthOfTwenty_expectTheNineteenthValue() {
        double[] sorted = new double[20];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i + 1;
        }

        assertThat(PipelineBenchmark.percentile(sorted, 95)).isEqualTo(19);
        assertThat(PipelineBenchmark.percentile(new double[0], 95)).isNaN();
    }
}
