package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole local runtime stopped and started again while 50 uploads are in flight (queued for the reader, being
 * analysed, on the bus or in the tenant queue): every upload must end ANALYZED or REJECTED exactly once, with one
 * notification each. Prints a {@code RELIABILITY |} line for {@code BENCHMARKS.md}.
 */
class RuntimeRestartReliabilityIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private LocalRuntime runtime;
    private TestAwsClients aws;

    @AfterEach
    void stop() {
        if (aws != null) {
            aws.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void restart_whenFiftyUploadsAreInFlight_expectEachRecordedOnceWithOneNotification() throws Exception {
        int uploads = 50;
        start();
        PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        String key = client.createTenant("inflight");
        String queue = aws.sqs().createQueue(b -> b.queueName("inflight-notifications")).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueueAccess.allowTopics(aws.sqs(), queue, "arn:aws:sns:*");
        client.subscribe("inflight", key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + queueArn + "\"}");
        // Every fifth upload is too small and ends REJECTED; the others are analysed.
        List<Path> photos = IntStream.range(0, uploads).mapToObj(i -> i % 5 == 4
                ? ReliabilityImages.tooSmall(dataDir, "inflight-" + i) : ReliabilityImages.small(dataDir, "inflight-" + i)).toList();
        long started = System.nanoTime();

        PipelineClient uploader = client;
        List<String> imageIds = photos.parallelStream().map(photo -> uploader.upload("inflight", key, photo))
                .toList();
        int recordedBeforeStop = PipelineReliabilityIntegrationTest.rowCount(aws, "inflight");
        runtime.close();
        aws.close();
        long pending = pendingInvocations();
        start();
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        PipelineReliabilityIntegrationTest.awaitRows(aws, "inflight", uploads, Duration.ofSeconds(180));
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Message> notifications = aws.receive(queue, uploads, Duration.ofSeconds(60));
        LocalRuntimeIntegrationTest.sleep(3_000);
        List<Message> late = aws.sqs().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)
                .maxNumberOfMessages(10)).messages();

        JsonNode items = client.get("/tenants/inflight/images?limit=100", key).path("items");
        Map<String, Integer> byStatus = new HashMap<>();
        Set<String> catalogued = new HashSet<>();
        items.forEach(item -> {
            catalogued.add(item.path("imageId").asText());
            byStatus.merge(item.path("status").asText(), 1, Integer::sum);
        });
        assertThat(recordedBeforeStop).as("uploads still in flight when the runtime stopped").isLessThan(uploads);
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(byStatus).containsOnlyKeys("ANALYZED", "REJECTED");
        assertThat(byStatus.get("REJECTED")).isEqualTo(uploads / 5);
        Map<String, Integer> perImage = new HashMap<>();
        for (Message notification : notifications) {
            JsonNode envelope = JSON.readTree(notification.body());
            perImage.merge(JSON.readTree(envelope.path("Message").asText()).path("imageId").asText(), 1,
                    Integer::sum);
        }
        assertThat(perImage).hasSize(uploads).allSatisfy((image, count) -> assertThat(count).isEqualTo(1));
        assertThat(late).as("duplicate notifications").isEmpty();
        PipelineReliabilityIntegrationTest.report("restart with 50 uploads in flight", "uploads=" + uploads
                + " recordedBeforeStop=" + recordedBeforeStop + " readerInvocationsQueuedAtStop=" + pending
                + " analysed=" + byStatus.get("ANALYZED") + " rejected=" + byStatus.get("REJECTED")
                + " notifications=" + notifications.size() + " duplicates=" + late.size()
                + " secondsUntilAllRecorded=" + PipelineReliabilityIntegrationTest.round(seconds));
    }

    private long pendingInvocations() {
        try (var files = java.nio.file.Files.list(dataDir.resolve("data/lambda/async-queue"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start() {
        runtime = LocalRuntime.start(LocalPipelineIntegrationTest.projectStack(dataDir.resolve("data"), false));
        aws = new TestAwsClients(runtime);
    }
}
