package org.emotionanalyser.postman;

import org.emotionanalyser.local.runtime.LocalRuntime;
import org.emotionanalyser.local.runtime.LocalRuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole Postman collection with newman against local mode started in this JVM: the same handlers, the
 * template's resources, the local face analyser. Every request's assertions must pass.
 */
class PostmanCollectionIntegrationTest {

    /** Well above a local run (under 30 s of newman on two cores), well below a hung build. */
    private static final Duration NEWMAN_BUDGET = Duration.ofMinutes(4);

    @TempDir
    Path dataDir;

    @Test
    void collection_whenRunAgainstLocalMode_passesEveryAssertion() {
        LocalRuntimeOptions options = new LocalRuntimeOptions(dataDir, 0, 0, LocalRuntimeOptions.Analyzer.LOCAL,
                dataDir.resolve("known-faces"), path("template.path"),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), false);

        try (LocalRuntime runtime = LocalRuntime.start(options)) {
            assertThat(runtime.analyserAvailable())
                    .as("the local analyser must be mounted, or no image is ever analysed; see the log above")
                    .isTrue();
            NewmanRun newman = new NewmanRun(path("newman.script"), path("postman.dir"),
                    "local.postman_environment.json",
                    Map.of("baseUrl", runtime.apiEndpoint().toString().replaceAll("/+$", ""),
                            "adminKey", runtime.adminKey()),
                    path("newman.reports"), NEWMAN_BUDGET);

            int exitCode = newman.run();

            assertThat(exitCode)
                    .as("newman's exit code: the failed requests and assertions are listed in its output above "
                            + "and in target/newman/newman.xml")
                    .isZero();
        }
    }

    /** A path the build passes in (see this module's pom). */
    private static Path path(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
        return Path.of(value);
    }
}
