package org.emotionanalyser.tenants;

import org.emotionanalyser.lambdasupport.testing.LambdaJars;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The shipped Lambda jar, as built by this module's shade configuration. */
class LambdaJarIntegrationTest {

    @Test
    void lambdaJar_whenPackaged_holdsOnlyTheUrlConnectionHttpClient() {
        LambdaJars.assertOnlyUrlConnectionHttpClient(Path.of("target"));
    }
}
