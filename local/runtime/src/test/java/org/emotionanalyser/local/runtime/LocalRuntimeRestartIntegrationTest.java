package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the runtime while uploads are being analysed and starting it again on the same data: every upload
 * must end analysed exactly once, with one catalogue row and one notification each.
 */
class LocalRuntimeRestartIntegrationTest {

    private static final List<String> PHOTOS = List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg",
            "sample5.jpg", "sample6.jpg");
    private static final int COPIES = 3;

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
    void restart_whenUploadsInFlight_expectEachAnalysedOnceWithOneNotification() {
        PHOTOS.forEach(PipelineClient::photo);
        start();
        PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        String key = client.createTenant("crowd");
        String queue = aws.sqs().createQueue(b -> b.queueName("crowd-notifications")).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        QueueAccess.allowTopics(aws.sqs(), queue, "arn:aws:sns:*");
        client.subscribe("crowd", key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + queueArn + "\"}");

        PipelineClient uploader = client;
        // Three unique copies of each photo, all at once from several threads, so the reader (one invocation at a
        // time, like one Lambda instance) has a backlog however fast the machine analyses.
        Map<String, byte[]> uploads = new LinkedHashMap<>();
        for (int copy = 0; copy < COPIES; copy++) {
            for (String photo : PHOTOS) {
                uploads.put(copy + "-" + photo, PipelineBenchmark.unique(read(PipelineClient.photo(photo)),
                        "restart-" + copy));
            }
        }
        List<String> imageIds = uploadAll(uploader, key, uploads);
        // Stop at once: the reader is busy with the first uploads, the others are still queued.
        runtime.close();
        aws.close();
        assertThat(pendingInvocations()).as("uploads still queued for the reader when the runtime stopped")
                .isPositive();
        start();
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());

        for (String imageId : imageIds) {
            client.awaitAnalysed("crowd", key, imageId, Duration.ofSeconds(180));
        }
        JsonNode catalogue = client.get("/tenants/crowd/images?limit=50", key);
        List<Message> notifications = aws.receive(queue, imageIds.size(), Duration.ofSeconds(60));
        LocalRuntimeIntegrationTest.sleep(3_000);
        List<Message> late = aws.sqs().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)
                .maxNumberOfMessages(10)).messages();

        Set<String> catalogued = new HashSet<>();
        catalogue.path("items").forEach(item -> catalogued.add(item.path("imageId").asText()));
        assertThat(catalogue.path("items")).hasSize(imageIds.size());
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(notifications).hasSize(imageIds.size());
        for (String imageId : imageIds) {
            assertThat(notifications).filteredOn(m -> m.body().contains(imageId)).as("notifications of " + imageId)
                    .hasSize(1);
        }
        assertThat(late).as("duplicate notifications").isEmpty();
    }

    private static List<String> uploadAll(PipelineClient client, String key, Map<String, byte[]> images) {
        ExecutorService threads = Executors.newFixedThreadPool(PHOTOS.size());
        try {
            List<Future<String>> ids = new ArrayList<>();
            images.forEach((name, image) -> ids.add(threads.submit(
                    () -> client.upload("crowd", key, name, image, "image/jpeg"))));
            List<String> imageIds = new ArrayList<>();
            for (Future<String> id : ids) {
                imageIds.add(id.get(120, TimeUnit.SECONDS));
            }
            return imageIds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while uploading", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an upload failed: " + e.getMessage(), e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static byte[] read(Path photo) {
        try {
            return java.nio.file.Files.readAllBytes(photo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long pendingInvocations() {
        try (var files = java.nio.file.Files.list(dataDir.resolve("data/lambda/async-queue"))) {
            return files.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void start() {
        // One reader invocation at a time (one Lambda instance), so uploads sent together wait in the reader's
        // queue and a stop finds some still queued.
        LocalRuntimeOptions stack = LocalPipelineIntegrationTest.projectStack(dataDir.resolve("data"), false);
        runtime = LocalRuntime.start(new LocalRuntimeOptions(stack.dataDir(), stack.apiPort(), stack.edgePort(),
                stack.analyzer(), stack.knownFacesDir(), stack.template(), stack.asyncRetryDelays(),
                stack.createDemoTenant(), 1));
        aws = new TestAwsClients(runtime);
    }
}
