package org.emotionanalyser.infra;

import org.emotionanalyser.infra.fixture.FixtureHandler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReachableCodeTest {

    private final ReachableCode code = ReachableCode.fromHandler(FixtureHandler.class.getName(),
            getClass().getClassLoader());

    @Test
    void fromHandler_whenPortHasTwoAdapters_countsOnlyTheInstantiatedOnesCalls() {
        assertThat(IamActions.requiredBy(code.libraryCalls())).containsExactly("sns:Publish");
    }

    @Test
    void fromHandler_whenConstructorReadsEnvironment_collectsTheVariableName() {
        assertThat(code.stringConstants()).contains("FIXTURE_TOPIC");
    }

    @Test
    void fromHandler_whenClassMissing_namesIt() {
        assertThatThrownBy(() -> ReachableCode.fromHandler("org.emotionanalyser.nowhere.Handler",
                getClass().getClassLoader())).hasMessageContaining("org.emotionanalyser.nowhere.Handler");
    }
}
