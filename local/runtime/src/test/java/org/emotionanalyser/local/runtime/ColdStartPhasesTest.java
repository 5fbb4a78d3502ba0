package org.emotionanalyser.local.runtime;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColdStartPhasesTest {

    @Test
    void parse_whenTheLineIsAmongLogLines_returnsThePhasesTheProbePrinted() {
        ColdStartPhases printed = new ColdStartPhases(410, 1800, 2300, 4510, 120);
        String output = "[main] INFO reader - {\"message\":\"image processed\"}\n" + printed.line()
                + "\n[main] WARN shutdown\n";

        assertThat(ColdStartPhases.parse(output)).isEqualTo(printed);
    }

    @Test
    void parse_whenNoPhaseLine_namesWhatIsMissing() {
        assertThatThrownBy(() -> ColdStartPhases.parse("Exception in thread \"main\" java.lang.NoClassDefFoundError"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COLD");
    }

    @Test
    void parse_whenAPhaseIsMissing_namesThePhase() {
        assertThatThrownBy(() -> ColdStartPhases.parse("COLD jvm-to-main=1 init=2 first-invocation=3 total=6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warm-invocation");
    }

    @Test
    void median_whenThreeRuns_takesEachPhaseMedianSeparately() {
        List<ColdStartPhases> runs = List.of(new ColdStartPhases(300, 900, 50, 1250, 9),
                new ColdStartPhases(100, 1000, 70, 1170, 7), new ColdStartPhases(200, 800, 60, 1060, 8));

        assertThat(ColdStartPhases.median(runs)).isEqualTo(new ColdStartPhases(200, 900, 60, 1170, 8));
    }
}
