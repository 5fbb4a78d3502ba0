package org.emotionanalyser.ingest.architecture;

import org.emotionanalyser.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class IngestArchitectureTest {

    @Test
    void ingestModule_whenImported_followsTheHexagonalRules() {
        HexagonalRules.check("org.emotionanalyser.ingest");
    }
}
