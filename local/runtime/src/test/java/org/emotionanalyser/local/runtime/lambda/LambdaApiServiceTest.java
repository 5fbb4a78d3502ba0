package org.emotionanalyser.local.runtime.lambda;

import com.sun.net.httpserver.HttpServer;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.sqs.SqsMessageSource;
import org.emotionanalyser.local.runtime.testfunctions.FlakyConsumerHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local Lambda API as the AdminApi's real {@link LambdaClient} calls it. */
class LambdaApiServiceTest {

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:emotion-analyser-local-tenant-acme";
    private static final String FUNCTION_ARN =
            "arn:aws:lambda:us-east-1:000000000000:function:test-function:live";

    @TempDir
    Path dataDir;

    private HttpServer server;
    /** Mappings are created disabled or point at a queue no test polls; a poller that did poll would fail. */
    private static final SqsMessageSource UNREACHABLE_SQS = new SqsMessageSource() {
        @Override
        public List<Message> receiveMessages(String queueName, int maxMessages, int waitSeconds) {
            throw SdkClientException.create("no SQS in this test");
        }

        @Override
        public void deleteMessage(String queueName, String receiptHandle) {
            throw SdkClientException.create("no SQS in this test");
        }
    };
    private EventSourceMappings mappings;
    private LambdaClient lambda;

    @BeforeEach
    void start() throws IOException {
        mappings = mappings();
        LambdaApiService service = new LambdaApiService(mappings);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
                EdgeResponse response = service.handle(new EdgeRequest(exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), headers,
                        exchange.getRequestBody().readAllBytes()));
                response.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(response.status(), response.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        });
        server.start();
        lambda = LambdaClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private EventSourceMappings mappings() {
        return new EventSourceMappings(new FunctionRegistry(List.of(
                LocalFunctionTest.load(FlakyConsumerHandler.class.getName(), Map.of()))), UNREACHABLE_SQS, "us-east-1",
                dataDir);
    }

    @AfterEach
    void stop() {
        lambda.close();
        server.stop(0);
        mappings.close();
    }

    @Test
    void createEventSourceMapping_whenQueueAndAliasArn_expectMappingToTheFunction() {
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b
                .eventSourceArn(QUEUE_ARN).functionName(FUNCTION_ARN).batchSize(5).enabled(false)
                .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES));

        assertThat(created.uuid()).isNotBlank();
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:test-function");
        assertThat(created.batchSize()).isEqualTo(5);
        assertThat(created.functionResponseTypes()).containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
        assertThat(created.lastModified()).isNotNull();
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).eventSourceArn()).isEqualTo(QUEUE_ARN);
    }

    @Test
    void createEventSourceMapping_whenBatchingWindow_expectLargerBatchesAcceptedAndTheWindowReported() {
        CreateEventSourceMappingResponse created = lambda.createEventSourceMapping(b -> b
                .eventSourceArn(QUEUE_ARN).functionName("test-function").batchSize(100)
                .maximumBatchingWindowInSeconds(5).enabled(false));

        assertThat(created.batchSize()).isEqualTo(100);
        assertThat(created.maximumBatchingWindowInSeconds()).isEqualTo(5);
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(created.uuid())).maximumBatchingWindowInSeconds())
                .isEqualTo(5);
    }

    @Test
    void createEventSourceMapping_whenBatchSizeOverTenWithoutWindow_expectInvalidParameterValue() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN)
                .functionName("test-function").batchSize(100).enabled(false)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Maximum batch window");
    }

    @Test
    void createEventSourceMapping_whenSameQueueAndFunctionTwice_expectConflict() {
        lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN).functionName("test-function").enabled(false));

        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN)
                .functionName("test-function").enabled(false)))
                .isInstanceOf(ResourceConflictException.class);
    }

    @Test
    void createEventSourceMapping_whenFunctionUnknown_expectResourceNotFound() {
        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN)
                .functionName("no-such-function")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("no-such-function");
    }

    @Test
    void listEventSourceMappings_whenFilteredByQueue_expectOnlyItsMappings() {
        lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN).functionName("test-function").enabled(false));
        lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN + "-other").functionName("test-function")
                .enabled(false));

        List<EventSourceMappingConfiguration> listed = lambda.listEventSourceMappings(b -> b
                .eventSourceArn(QUEUE_ARN)).eventSourceMappings();

        assertThat(listed).extracting(EventSourceMappingConfiguration::eventSourceArn).containsExactly(QUEUE_ARN);
    }

    @Test
    void deleteEventSourceMapping_whenExists_expectGoneAfterwards() {
        String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN).functionName("test-function")
                .enabled(false)).uuid();

        assertThat(lambda.deleteEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Deleting");

        assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void updateEventSourceMapping_whenBatchSizeChanged_expectNewBatchSize() {
        String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN).functionName("test-function")
                .enabled(false)).uuid();

        lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(3));

        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).batchSize()).isEqualTo(3);
    }

    @Test
    void mappings_whenReloadedFromTheDataDirectory_expectPreviousMappings() {
        String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(QUEUE_ARN).functionName("test-function")
                .enabled(false)).uuid();

        try (EventSourceMappings restarted = mappings()) {
            assertThat(restarted.get(uuid)).get().extracting(EventSourceMapping::eventSourceArn).isEqualTo(QUEUE_ARN);
        }
    }
}
