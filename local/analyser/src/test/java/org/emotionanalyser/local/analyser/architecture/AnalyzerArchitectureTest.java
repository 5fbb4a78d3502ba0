package org.emotionanalyser.local.analyser.architecture;

import org.emotionanalyser.architecture.HexagonalRules;
import org.junit.jupiter.api.Test;

class AnalyzerArchitectureTest {

    @Test
    void classes_whenImported_followTheHexagonalSplit() {
        // The domain decodes images itself (RgbImage), with the JDK's ImageIO.
        HexagonalRules.check("org.emotionanalyser.local.analyser", "javax.imageio..");
    }
}
