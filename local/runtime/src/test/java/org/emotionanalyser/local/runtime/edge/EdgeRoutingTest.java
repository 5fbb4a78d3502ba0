package org.emotionanalyser.local.runtime.edge;

import org.emotionanalyser.local.runtime.LocalAwsServices;
import org.emotionanalyser.local.runtime.LocalServicesExtension;
import org.emotionanalyser.local.runtime.LocalServicesOptions;
import org.emotionanalyser.local.runtime.TestAwsClients;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the edge endpoint picks the service for a request, and services mounted on it by others. */
class EdgeRoutingTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();

    @Test
    void registerService_whenSdkClientCallsThatService_reachesTheRegisteredHandler() {
        AtomicReference<EdgeRequest> seen = new AtomicReference<>();
        aws.services().registerService("rekognition", request -> {
            seen.set(request);
            return EdgeResponse.text(200, "application/x-amz-json-1.1",
                    "{\"Labels\":[{\"Name\":\"Person\",\"Confidence\":99.5}]}");
        });
        try (RekognitionClient rekognition = RekognitionClient.builder().endpointOverride(aws.services().edgeEndpoint())
                .region(Region.of(TestAwsClients.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {

            DetectLabelsResponse response = rekognition.detectLabels(d -> d.image(i -> i.bytes(
                    SdkBytes.fromUtf8String("image"))));

            assertThat(response.labels()).singleElement().satisfies(label -> {
                assertThat(label.name()).isEqualTo("Person");
                assertThat(label.confidence()).isEqualTo(99.5f);
            });
        }
        assertThat(seen.get().header("x-amz-target")).hasValue("RekognitionService.DetectLabels");
        assertThat(new String(seen.get().body(), StandardCharsets.UTF_8)).contains("\"Bytes\"");
    }

    @Test
    void start_whenEdgePortIsTaken_failsNamingThePort(@TempDir Path otherDataDir) {
        int taken = aws.services().edgeEndpoint().getPort();

        assertThatThrownBy(() -> LocalAwsServices.start(new LocalServicesOptions(otherDataDir, taken,
                TestAwsClients.REGION, TestAwsClients.ACCOUNT)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("127.0.0.1:" + taken);
    }

    @Test
    void handle_whenRequestIsSignedForAnUnservedService_answersAnErrorNamingIt() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) aws.services().edgeEndpoint().toURL().openConnection();
        connection.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261121/eu-west-1/kinesis/"
                + "aws4_request, SignedHeaders=host, Signature=abc");

        assertThat(connection.getResponseCode()).isEqualTo(400);
        assertThat(new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("UnknownServiceException", "'kinesis'", "sqs");
    }

    @Test
    void preflight_whenTheDashboardPreparesPresignedPut_allowsItAndRefusesOtherSites() throws Exception {
        URI url = URI.create(aws.services().edgeEndpoint()
                + "/bucket/key?X-Amz-Credential=AKID%2F20261121%2Feu-west-1%2Fs3%2Faws4_request");
        aws.services().allowBrowserOrigin(URI.create("http://localhost:8080"));

        HttpResponse<Void> local = preflight(url, "http://localhost:8080");
        HttpResponse<Void> foreign = preflight(url, "https://example.com");

        assertThat(local.statusCode()).isEqualTo(200);
        assertThat(local.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:8080");
        assertThat(local.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("PUT"));
        assertThat(local.headers().firstValue("Access-Control-Allow-Headers")).hasValue("content-type");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void handle_whenAForeignPageSubscribesItsUrlToATopic_refusesItAndSubscribesNothing() throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("guarded-topic")).topicArn();
        String form = "Action=Subscribe&TopicArn=" + java.net.URLEncoder.encode(topicArn, StandardCharsets.UTF_8)
                + "&Protocol=https&Endpoint=https%3A%2F%2Fevil.example%2Fhook";
        URI edge = aws.services().edgeEndpoint();

        RawHttp.Answer fromPage = RawHttp.send(edge, "POST", "/", Map.of(
                "Host", "127.0.0.1:" + edge.getPort(),
                "Origin", "https://evil.example",
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261121/eu-west-1/sns/aws4_request, "
                        + "SignedHeaders=host, Signature=abc"), form);
        RawHttp.Answer rebound = RawHttp.send(edge, "POST", "/", Map.of(
                "Host", "evil.example:" + edge.getPort(),
                "Content-Type", "application/x-www-form-urlencoded",
                "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20261121/eu-west-1/sns/aws4_request, "
                        + "SignedHeaders=host, Signature=abc"), form);
        RawHttp.Answer crossSite = RawHttp.send(edge, "GET", "/?" + form, Map.of(
                "Host", "localhost:" + edge.getPort(), "Sec-Fetch-Site", "cross-site"), null);

        assertThat(fromPage.status()).isEqualTo(403);
        assertThat(fromPage.body()).contains("https://evil.example");
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("evil.example");
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(aws.sns().listSubscriptionsByTopic(l -> l.topicArn(topicArn)).subscriptions()).isEmpty();
    }

    private static HttpResponse<Void> preflight(URI url, String origin) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void publishBatch_whenEntriesValidAndInvalid_reportsEachAndDeliversTheValidOnes() {
        String topicArn = aws.sns().createTopic(c -> c.name("batch-topic")).topicArn();
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("batch-subscriber")).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNamesWithStrings(
                "QueueArn")).attributesAsStrings().get("QueueArn");
        QueueAccess.allowTopics(aws.sqs(), queueUrl, topicArn);
        aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));

        PublishBatchResponse response = aws.sns().publishBatch(p -> p.topicArn(topicArn).publishBatchRequestEntries(
                e -> e.id("one").message("first"), e -> e.id("two").message("second"),
                e -> e.id("bad").message("x").messageAttributes(Map.of("n",
                        software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("Number")
                                .stringValue("not a number").build()))));

        assertThat(response.successful()).extracting(s -> s.id()).containsExactly("one", "two");
        assertThat(response.failed()).singleElement().satisfies(f -> assertThat(f.id()).isEqualTo("bad"));
        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()).extracting(m -> m.body()).containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void unsubscribeUrl_whenOpenedUnsigned_removesTheSubscription() throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("unsubscribe-topic")).topicArn();
        String subscriptionArn = aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("email-json")
                .endpoint("reader@example.com")).subscriptionArn();
        String url = aws.services().edgeEndpoint() + "/?Action=Unsubscribe&SubscriptionArn="
                + java.net.URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8);

        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();

        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(aws.sns().listSubscriptionsByTopic(l -> l.topicArn(topicArn)).subscriptions()).isEmpty();
    }
}
