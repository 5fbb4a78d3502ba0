package org.emotionanalyser.lambdasupport;

import org.emotionanalyser.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class LambdaSupportArchitectureTest {

    @Test
    void lambdaSupportModule_whenImported_followsTheDependencyRules() {
        HexagonalRules.checkPlumbing("org.emotionanalyser.lambdasupport");
    }
}
