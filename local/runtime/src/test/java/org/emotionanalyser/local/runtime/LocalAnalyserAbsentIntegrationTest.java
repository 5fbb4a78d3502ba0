package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the local analyser cannot load, the runtime still starts, says so, and uploads end rejected with
 * ANALYSIS_FAILED: no analysis result is ever made up.
 */
class LocalAnalyserAbsentIntegrationTest {

    @TempDir
    Path dataDir;
    private LocalRuntime runtime;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void upload_whenAnalyserDidNotLoad_expectRejectedAnalysisFailed() throws IOException {
        // A known-faces "folder" that is a file makes the analyser fail to load.
        Path notAFolder = Files.writeString(dataDir.resolve("known-faces"), "not a folder");
        LocalRuntimeOptions project = LocalPipelineIntegrationTest.projectStack(dataDir.resolve("data"), false);
        runtime = LocalRuntime.start(new LocalRuntimeOptions(project.dataDir(), 0, 0,
                LocalRuntimeOptions.Analyzer.LOCAL, notAFolder, project.template(),
                List.of(Duration.ofMillis(200), Duration.ofMillis(200)), false));
        PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        String key = client.createTenant("nomodels");

        String imageId = client.upload("nomodels", key, PipelineClient.photo("sample1.jpg"));
        JsonNode image = awaitRecorded(client, key, imageId);

        assertThat(runtime.analyserAvailable()).isFalse();
        assertThat(image.path("status").asText()).isEqualTo("REJECTED");
        assertThat(image.path("reason").asText()).isEqualTo("ANALYSIS_FAILED");
        assertThat(image.path("faceCount").asInt(0)).isZero();
    }

    private static JsonNode awaitRecorded(PipelineClient client, String key, String imageId) throws IOException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = client.raw("GET", "/tenants/nomodels/images/" + imageId, key, null, null);
            if (response.statusCode() == 200) {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
            }
            LocalRuntimeIntegrationTest.sleep(500);
        }
        throw new AssertionError("image " + imageId + " was not recorded within 180 s");
    }
}
