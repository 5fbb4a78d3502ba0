package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.sqs.SnsQueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the runtime while uploads are being analysed and starting it again on the same data: every upload
 * must end analysed exactly once, with one catalogue row and one notification each.
 */
class LocalRuntimeRestartIntegrationTest {

    private static final List<String> PHOTOS = List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg",
            "sample5.jpg", "sample6.jpg");

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
        SnsQueueAccess.allow(aws.sqs(), queue, "arn:aws:sns:*");
        client.subscribe("crowd", key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + queueArn + "\"}");

        PipelineClient uploader = client;
        // All at once, so the reader (one invocation at a time, like one Lambda instance) has a backlog.
        List<String> imageIds = PHOTOS.parallelStream()
                .map(photo -> uploader.upload("crowd", key, PipelineClient.photo(photo)))
                .toList();
        // Stop at once: the reader is busy with the first upload, the others are still queued.
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
        List<Message> notifications = aws.receive(queue, PHOTOS.size(), Duration.ofSeconds(60));
        LocalRuntimeIntegrationTest.sleep(3_000);
        List<Message> late = aws.sqs().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)
                .maxNumberOfMessages(10)).messages();

        Set<String> catalogued = new HashSet<>();
        catalogue.path("items").forEach(item -> catalogued.add(item.path("imageId").asText()));
        assertThat(catalogue.path("items")).hasSize(PHOTOS.size());
        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(notifications).hasSize(PHOTOS.size());
        for (String imageId : imageIds) {
            assertThat(notifications).filteredOn(m -> m.body().contains(imageId)).as("notifications of " + imageId)
                    .hasSize(1);
        }
        assertThat(late).as("duplicate notifications").isEmpty();
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
