package org.emotionanalyser.local.analyser.architecture;

import org.emotionanalyser.router.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class AnalyzerArchitectureTest {

    @Test
    void classes_whenImported_followTheHexagonalSplit() {
        HexagonalRules.check("org.emotionanalyser.local.analyser");
    }
}
