package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.local.runtime.LocalAwsServices;
import org.emotionanalyser.local.runtime.LocalServicesOptions;
import org.emotionanalyser.local.runtime.testfunctions.MisbehavingHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** SQS event source mappings polling real local SQS: concurrency and batching windows as Lambda has them. */
class SqsPollingIntegrationTest {

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "000000000000";

    @TempDir
    static Path dataDir;
    private static LocalAwsServices services;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        services = LocalAwsServices.start(new LocalServicesOptions(dataDir.resolve("aws"), 0, REGION, ACCOUNT));
        sqs = SqsClient.builder().region(Region.of(REGION)).endpointOverride(services.edgeEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @BeforeEach
    void reset() {
        MisbehavingHandler.reset();
    }

    @Test
    void mapping_whenFunctionConcurrencyIsThree_expectThreeBatchesProcessedAtOnce() {
        String queue = queueWith("busy", 30);
        LocalFunction function = function(3);

        try (EventSourceMappings mappings = mappings(function, "concurrency")) {
            mappings.create(arn("busy"), "test-function", 1, true, List.of(), 0);

            await(() -> sum() == 30);
        } finally {
            function.close();
        }

        assertThat(MisbehavingHandler.MOST_AT_ONCE.get()).isEqualTo(3);
        assertThat(MisbehavingHandler.INSTANCES.get()).isEqualTo(3);
        assertThat(visible(queue)).isZero();
    }

    @Test
    void mapping_whenBatchingWindowAndBatchSizeOverTen_expectMessagesGatheredIntoOneLargerBatch() {
        String queue = queueWith("window", 25);
        LocalFunction function = function(1);

        try (EventSourceMappings mappings = mappings(function, "window")) {
            mappings.create(arn("window"), "test-function", 25, true, List.of(), 3);

            await(() -> sum() == 25);
        } finally {
            function.close();
        }

        assertThat(MisbehavingHandler.BATCH_SIZES).containsExactly(25);
        assertThat(visible(queue)).isZero();
    }

    @Test
    void mapping_whenMessagesTrickleInDuringTheWindow_expectThemHandedOverAsOneBatch() throws InterruptedException {
        // One message opens the window; three more arrive within it, one at a time.
        assertThat(batchesOfATrickle("trickle", 1, 4, 300)).containsExactly(4);
    }

    @Test
    void mapping_whenATrickleNeverFillsABatch_expectOnePollerGatheringItIntoOneBatch() throws InterruptedException {
        // Three pollers long-polling would each take one of the first messages and split the trickle into several
        // small batches; without a backlog only the first poller polls.
        assertThat(batchesOfATrickle("one-poller", 3, 10, 120)).containsExactly(10);
    }

    /**
     * Sends {@code messages} one at a time, {@code millisApart}, to a new queue mapped (batch size 10, a 2 s window)
     * to a function of the given concurrency; returns the batch sizes the function was invoked with.
     */
    private static List<Integer> batchesOfATrickle(String name, int concurrency, int messages, long millisApart)
            throws InterruptedException {
        String queue = queueWith(name, 0);
        LocalFunction function = function(concurrency);
        try (EventSourceMappings mappings = mappings(function, name)) {
            mappings.create(arn(name), "test-function", 10, true, List.of(), 2);
            for (int i = 0; i < messages; i++) {
                int number = i;
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("message " + number));
                Thread.sleep(millisApart);
            }

            await(() -> sum() == messages);
        } finally {
            function.close();
        }
        assertThat(visible(queue)).isZero();
        return List.copyOf(MisbehavingHandler.BATCH_SIZES);
    }

    private static LocalFunction function(int reservedConcurrency) {
        return LocalFunction.load(new FunctionDefinition("TestFunction", "test-function",
                "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:test-function",
                MisbehavingHandler.class.getName(), "handleRequest", Map.of(), 30, reservedConcurrency), Map.of(),
                SqsPollingIntegrationTest.class.getClassLoader());
    }

    private static EventSourceMappings mappings(LocalFunction function, String name) {
        try {
            return new EventSourceMappings(new FunctionRegistry(List.of(function)), services.sqsMessages(), REGION,
                    Files.createDirectories(dataDir.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String queueWith(String name, int messages) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        for (int from = 0; from < messages; from += 10) {
            List<SendMessageBatchRequestEntry> entries = IntStream.range(from, Math.min(messages, from + 10))
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("message " + i)
                            .build()).toList();
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
        return url;
    }

    private static String arn(String queue) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queue;
    }

    private static int sum() {
        return MisbehavingHandler.BATCH_SIZES.stream().mapToInt(Integer::intValue).sum();
    }

    private static int visible(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings(
                "ApproximateNumberOfMessages")).attributesAsStrings().get("ApproximateNumberOfMessages"));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition met within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
