package org.emotionanalyser.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.aws.InProcessClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** S3, SQS and DynamoDB through the edge endpoint, driven by real SDK clients. */
class LocalStorageServicesTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();
    private static final BlockingQueue<String> objectEvents = new LinkedBlockingQueue<>();

    @BeforeAll
    static void listenForObjectCreated() {
        aws.services().onObjectCreated(objectEvents::add);
    }

    @BeforeEach
    void forgetEarlierEvents() {
        objectEvents.clear();
    }

    @Test
    void putObject_whenKeyHasSpacesPlusAndUnicode_emitsOneEventWhoseDecodedKeyIsTheKey() throws Exception {
        aws.s3().createBucket(b -> b.bucket("put-bucket"));
        String key = "uploads/tenant a/caf\u00e9 + photo 1.jpg";
        List<SdkHttpRequest> sent = new ArrayList<>();
        try (S3Client recording = S3Client.builder().forcePathStyle(true)
                .endpointOverride(aws.services().edgeEndpoint()).region(Region.of(TestAwsClients.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        sent.add(context.httpRequest());
                    }
                })).build()) {
            recording.putObject(p -> p.bucket("put-bucket").key(key), RequestBody.fromString("hello"));
        }
        // The SDK's default integrity protection: an aws-chunked body with a CRC32 trailer.
        assertThat(sent.get(0).firstMatchingHeader("Content-Encoding")).hasValue("aws-chunked");
        assertThat(sent.get(0).firstMatchingHeader("x-amz-trailer")).hasValue("x-amz-checksum-crc32");

        S3EventNotification.S3EventNotificationRecord record = nextRecord();
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getS3().getBucket().getName()).isEqualTo("put-bucket");
        assertThat(record.getS3().getObject().getKey()).isEqualTo("uploads/tenant+a/caf%C3%A9+%2B+photo+1.jpg");
        assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo(key);
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(5L);
        assertThat(aws.s3().getObjectAsBytes(g -> g.bucket("put-bucket").key(key)).asUtf8String())
                .isEqualTo("hello");
        assertThat(objectEvents.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void multipartUpload_whenCompleted_emitsCompleteMultipartUploadEventWithWholeSize() throws Exception {
        aws.s3().createBucket(b -> b.bucket("multipart-bucket"));
        String uploadId = aws.s3().createMultipartUpload(c -> c.bucket("multipart-bucket").key("big.bin"))
                .uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            int n = number;
            String eTag = aws.s3().uploadPart(u -> u.bucket("multipart-bucket").key("big.bin").uploadId(uploadId)
                    .partNumber(n), RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(eTag).build());
        }
        aws.s3().completeMultipartUpload(c -> c.bucket("multipart-bucket").key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));

        S3EventNotification.S3EventNotificationRecord record = nextRecord();
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(2L * part.length);
        assertThat(aws.s3().headObject(h -> h.bucket("multipart-bucket").key("big.bin")).contentLength())
                .isEqualTo(2L * part.length);
    }

    @Test
    void presignedPut_whenUploadedWithPlainHttp_storesObjectAndEmitsEvent() throws Exception {
        aws.s3().createBucket(b -> b.bucket("presigned-bucket"));
        PresignedPutObjectRequest presigned;
        try (var presigner = aws.presigner()) {
            presigned = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket("presigned-bucket").key("large image.jpg")));
        }
        HttpURLConnection connection = (HttpURLConnection) presigned.url().openConnection();
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        connection.getOutputStream().write("image-bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(connection.getResponseCode()).isEqualTo(200);

        S3EventNotification.S3EventNotificationRecord record = nextRecord();
        assertThat(record.getS3().getObject().getUrlDecodedKey()).isEqualTo("large image.jpg");
        try (var presigner = aws.presigner()) {
            var get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(o -> o.bucket("presigned-bucket").key("large image.jpg")));
            HttpURLConnection download = (HttpURLConnection) get.url().openConnection();
            assertThat(new String(download.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("image-bytes");
        }
    }

    @Test
    void presignedPut_whenIfNoneMatchAndLengthAreSignedAndUrlIsReplayed_answers412AndKeepsTheFirstObject()
            throws Exception {
        aws.s3().createBucket(b -> b.bucket("single-use-bucket"));
        byte[] first = "first-image".getBytes(StandardCharsets.UTF_8);
        PresignedPutObjectRequest presigned;
        try (var presigner = aws.presigner()) {
            presigned = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o -> o.bucket("single-use-bucket").key("once.jpg").ifNoneMatch("*")
                            .contentLength((long) first.length)));
        }
        assertThat(presigned.signedHeaders()).containsKeys("if-none-match", "content-length");

        assertThat(put(presigned, first).status()).isEqualTo(200);
        assertThat(nextRecord().getS3().getObject().getUrlDecodedKey()).isEqualTo("once.jpg");
        byte[] replay = "other-image".getBytes(StandardCharsets.UTF_8);
        HttpAnswer second = put(presigned, replay);

        assertThat(second.status()).isEqualTo(412);
        assertThat(second.body()).contains("<Code>PreconditionFailed</Code>");
        assertThat(objectEvents.poll(1, TimeUnit.SECONDS)).as("no second ObjectCreated").isNull();
        assertThat(aws.s3().getObjectAsBytes(g -> g.bucket("single-use-bucket").key("once.jpg")).asUtf8String())
                .isEqualTo("first-image");
    }

    private record HttpAnswer(int status, String body) {
    }

    /** PUTs the body to a presigned URL with exactly its signed headers, as a browser or curl would. */
    private static HttpAnswer put(PresignedPutObjectRequest presigned, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) presigned.url().openConnection();
        connection.setRequestMethod("PUT");
        connection.setDoOutput(true);
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                connection.setRequestProperty(name, String.join(",", values));
            }
        });
        connection.setFixedLengthStreamingMode(body.length);
        connection.getOutputStream().write(body);
        int status = connection.getResponseCode();
        var stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        return new HttpAnswer(status, text);
    }

    @Test
    void copyObject_whenCopied_emitsCopyEvent() throws Exception {
        aws.s3().createBucket(b -> b.bucket("copy-bucket"));
        aws.s3().putObject(p -> p.bucket("copy-bucket").key("a.txt"), RequestBody.fromString("abc"));
        nextRecord();
        aws.s3().copyObject(c -> c.sourceBucket("copy-bucket").sourceKey("a.txt")
                .destinationBucket("copy-bucket").destinationKey("b.txt"));

        S3EventNotification.S3EventNotificationRecord record = nextRecord();
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Copy");
        assertThat(record.getS3().getObject().getKey()).isEqualTo("b.txt");
    }

    @Test
    void sqs_whenMessageReceivedMoreThanMaxReceiveCount_movesItToDeadLetterQueue() {
        String dlqUrl = aws.sqs().createQueue(c -> c.queueName("orders-dlq")).queueUrl();
        String dlqArn = aws.sqs().getQueueAttributes(g -> g.queueUrl(dlqUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("orders").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "0",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        assertThat(queueUrl).isEqualTo(aws.services().edgeEndpoint() + "/" + TestAwsClients.ACCOUNT + "/orders");

        aws.sqs().sendMessage(s -> s.queueUrl(queueUrl).messageBody("order-1"));
        List<Message> first = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
        List<Message> second = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
        List<Message> third = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
        List<Message> dead = aws.sqs().receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(1)).messages();

        assertThat(first).extracting(Message::body).containsExactly("order-1");
        assertThat(second).extracting(Message::body).containsExactly("order-1");
        assertThat(third).isEmpty();
        assertThat(dead).extracting(Message::body).containsExactly("order-1");
    }

    @Test
    void dynamoDb_whenItemsPut_queryReturnsThemInSortOrder() {
        aws.dynamoDb().createTable(c -> c.tableName("emotions")
                .attributeDefinitions(a -> a.attributeName("tenantId").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("tenantId").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .billingMode("PAY_PER_REQUEST"));
        for (String sk : List.of("2026-11-21T10:00:02.000Z#b", "2026-11-21T10:00:01.000Z#a")) {
            aws.dynamoDb().putItem(p -> p.tableName("emotions").item(Map.of(
                    "tenantId", AttributeValue.fromS("acme"), "sk", AttributeValue.fromS(sk))));
        }
        aws.dynamoDb().putItem(p -> p.tableName("emotions").item(Map.of(
                "tenantId", AttributeValue.fromS("other"), "sk", AttributeValue.fromS("x"))));

        var items = aws.dynamoDb().query(q -> q.tableName("emotions").keyConditionExpression("tenantId = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("acme")))).items();

        assertThat(items).extracting(item -> item.get("sk").s())
                .containsExactly("2026-11-21T10:00:01.000Z#a", "2026-11-21T10:00:02.000Z#b");
    }

    @Test
    void dynamoDb_whenClientsUseOtherRegionsAndKeys_allSeeTheSameTables() {
        aws.dynamoDb().createTable(c -> c.tableName("shared")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)).billingMode("PAY_PER_REQUEST"));

        try (DynamoDbClient other = DynamoDbClient.builder().endpointOverride(aws.services().edgeEndpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("other", "key")))
                .build()) {
            assertThat(other.listTables().tableNames()).contains("shared");
        }
    }

    @Test
    void dynamoDbFunctionEndpoint_whenAFunctionBuildsItsClient_getsTheInProcessClientOverTheSameTables() {
        aws.dynamoDb().createTable(c -> c.tableName("function-tables")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)).billingMode("PAY_PER_REQUEST"));
        Map<String, String> env = Map.of(
                AwsClientSettings.REGION, "us-east-1",
                AwsClientSettings.ENDPOINT_URL, aws.services().edgeEndpoint().toString(),
                AwsClientSettings.SERVICE_ENDPOINT_PREFIX + AwsClientSettings.DYNAMODB,
                aws.services().dynamoDbFunctionEndpoint().toString(),
                AwsClientSettings.ACCESS_KEY_ID, "local",
                AwsClientSettings.SECRET_ACCESS_KEY, "local");

        // as a function's wiring builds it
        DynamoDbClient function = AwsClientSettings.fromEnvironment(env)
                .build(AwsClientSettings.DYNAMODB, DynamoDbClient.builder(), Duration.ofSeconds(5));
        function.putItem(p -> p.tableName("function-tables").item(Map.of("id", AttributeValue.fromS("a"))));

        assertThat(aws.services().dynamoDbFunctionEndpoint().getScheme()).isEqualTo(InProcessClients.SCHEME);
        assertThat(function.toString()).isEqualTo("DynamoDB Local (in process)");
        assertThat(aws.dynamoDb().scan(b -> b.tableName("function-tables").consistentRead(true)).count())
                .isEqualTo(1);
    }

    private static S3EventNotification.S3EventNotificationRecord nextRecord() throws InterruptedException,
            IOException {
        String json = objectEvents.poll(10, TimeUnit.SECONDS);
        assertThat(json).as("an ObjectCreated event").isNotNull();
        // Deserialised the way the Lambda Java runtime hands S3 events to handlers.
        S3Event notification = LambdaEventSerializers.serializerFor(S3Event.class,
                LocalStorageServicesTest.class.getClassLoader()).fromJson(json);
        assertThat(notification.getRecords()).hasSize(1);
        return notification.getRecords().get(0);
    }
}
