package org.emotionanalyser.router.architecture;

import org.emotionanalyser.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class RouterArchitectureTest {

    @Test
    void routerModule_whenImported_followsTheHexagonalRules() {
        HexagonalRules.check("org.emotionanalyser.router");
    }
}
