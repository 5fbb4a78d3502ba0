package org.emotionanalyser.tenants;

import org.emotionanalyser.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class TenantsArchitectureTest {

    @Test
    void classes_whenImported_followTheHexagonalSplit() {
        HexagonalRules.check("org.emotionanalyser.tenants");
    }
}
