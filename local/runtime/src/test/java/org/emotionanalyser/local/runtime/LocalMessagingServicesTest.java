package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.RawHttp;
import org.emotionanalyser.local.runtime.eventbridge.RuleTarget;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EventBridge and SNS through the edge endpoint, driven by real SDK clients, delivering to real local queues. */
class LocalMessagingServicesTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();

    @Test
    void putEvents_whenEventMatchesTenantRule_deliversEnvelopeToThatTenantsQueueOnly() throws Exception {
        aws.events().createEventBus(c -> c.name("analysis-bus"));
        String acmeQueue = queue("tenant-acme");
        String globexQueue = queue("tenant-globex");
        rule("analysis-bus", "tenant-acme", "{\"detail\":{\"tenantId\":[\"acme\"]}}", acmeQueue);
        rule("analysis-bus", "tenant-globex", "{\"detail\":{\"tenantId\":[\"globex\"]}}", globexQueue);

        PutEventsResponse response = aws.events().putEvents(p -> p.entries(e -> e.eventBusName("analysis-bus")
                .source("emotion-analyser.ingest").detailType("ImageAnalyzed")
                .detail("{\"tenantId\":\"acme\",\"imageId\":\"i-1\"}")));

        assertThat(response.failedEntryCount()).isZero();
        List<Message> acme = receive(acmeQueue);
        assertThat(acme).hasSize(1);
        JsonNode event = Json.MAPPER.readTree(acme.get(0).body());
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
        assertThat(event.get("detail-type").asText()).isEqualTo("ImageAnalyzed");
        assertThat(event.get("source").asText()).isEqualTo("emotion-analyser.ingest");
        assertThat(event.get("account").asText()).isEqualTo(TestAwsClients.ACCOUNT);
        assertThat(event.get("region").asText()).isEqualTo(TestAwsClients.REGION);
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(event.get("detail").get("imageId").asText()).isEqualTo("i-1");
        assertThat(receive(globexQueue)).isEmpty();
    }

    @Test
    void putEvents_whenTargetQueueIsGone_putsTheEventInTheTargetsDeadLetterQueueWithEventBridgesAttributes()
            throws Exception {
        String queueUrl = queue("deleted-tenant-queue");
        String queueArn = queueArn(queueUrl);
        String dlqUrl = queue("deleted-tenant-queue-dlq");
        aws.events().putRule(r -> r.name("to-a-deleted-queue").eventPattern("{\"source\":[\"dlq-test\"]}"));
        aws.events().putTargets(t -> t.rule("to-a-deleted-queue").targets(Target.builder().id("queue").arn(queueArn)
                .deadLetterConfig(d -> d.arn(queueArn(dlqUrl)))
                .retryPolicy(r -> r.maximumRetryAttempts(3).maximumEventAgeInSeconds(60)).build()));
        aws.sqs().deleteQueue(d -> d.queueUrl(queueUrl));

        PutEventsResponse response = aws.events().putEvents(p -> p.entries(e -> e.source("dlq-test")
                .detailType("ImageAnalyzed").detail("{\"imageId\":\"i-9\"}")));

        assertThat(response.failedEntryCount()).as("a failed delivery does not fail PutEvents").isZero();
        List<Message> dead = aws.sqs().receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)
                .messageAttributeNames("All")).messages();
        assertThat(dead).hasSize(1);
        assertThat(Json.MAPPER.readTree(dead.get(0).body()).get("id").asText())
                .isEqualTo(response.entries().get(0).eventId());
        Map<String, String> attributes = new TreeMap<>();
        dead.get(0).messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
        assertThat(attributes).containsEntry("ERROR_CODE", "NO_RESOURCE").containsEntry("RETRY_ATTEMPTS", "0")
                .containsEntry("TARGET_ARN", queueArn)
                .containsEntry("RULE_ARN", "arn:aws:events:" + TestAwsClients.REGION + ":" + TestAwsClients.ACCOUNT
                        + ":rule/to-a-deleted-queue")
                .containsKey("ERROR_MESSAGE").doesNotContainKey("EXHAUSTED_RETRY_CONDITION");
        assertThat(aws.events().listTargetsByRule(l -> l.rule("to-a-deleted-queue")).targets().get(0).retryPolicy()
                .maximumRetryAttempts()).isEqualTo(3);
    }

    @Test
    void putEvents_whenTheTargetQueuePolicyDoesNotAllowTheRule_putsTheEventInTheDeadLetterQueueAsNoPermissions()
            throws Exception {
        String queueUrl = aws.sqs().createQueue(c -> c.queueName("no-policy-queue")).queueUrl();
        String dlqUrl = queue("no-policy-queue-dlq");
        aws.events().putRule(r -> r.name("to-a-closed-queue").eventPattern("{\"source\":[\"policy-test\"]}"));
        aws.events().putTargets(t -> t.rule("to-a-closed-queue").targets(Target.builder().id("queue")
                .arn(queueArn(queueUrl)).deadLetterConfig(d -> d.arn(queueArn(dlqUrl))).build()));

        aws.events().putEvents(p -> p.entries(e -> e.source("policy-test").detailType("ImageAnalyzed")
                .detail("{\"imageId\":\"i-10\"}")));

        assertThat(receive(queueUrl)).as("SQS refuses EventBridge without a policy allowing the rule").isEmpty();
        List<Message> dead = aws.sqs().receiveMessage(r -> r.queueUrl(dlqUrl).waitTimeSeconds(2)
                .messageAttributeNames("All")).messages();
        assertThat(dead).singleElement().satisfies(message -> {
            assertThat(message.messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("NO_PERMISSIONS");
            assertThat(message.messageAttributes().get("ERROR_MESSAGE").stringValue())
                    .contains("events.amazonaws.com", "rule/to-a-closed-queue");
        });
    }

    @Test
    void putTargets_whenRetryPolicyIsOutOfRange_reportsTheTargetAsFailed() {
        aws.events().putRule(r -> r.name("bad-retry-policy").eventPattern("{\"source\":[\"x\"]}"));

        PutTargetsResponse response = aws.events().putTargets(t -> t.rule("bad-retry-policy").targets(
                Target.builder().id("q").arn("arn:aws:sqs:eu-west-1:000000000000:q")
                        .retryPolicy(r -> r.maximumRetryAttempts(186)).build()));

        assertThat(response.failedEntryCount()).isEqualTo(1);
        assertThat(response.failedEntries().get(0).errorMessage()).contains("MaximumRetryAttempts");
    }

    @Test
    void putEvents_whenEntryLacksDetailOrBusIsUnknown_reportsThoseEntriesAsFailed() {
        PutEventsResponse response = aws.events().putEvents(p -> p.entries(
                e -> e.source("s").detailType("t").detail("{\"ok\":true}"),
                e -> e.source("s").detailType("t"),
                e -> e.source("s").detailType("t").detail("not json"),
                e -> e.eventBusName("no-such-bus").source("s").detailType("t").detail("{}")));

        assertThat(response.failedEntryCount()).isEqualTo(3);
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        assertThat(response.entries().get(1).errorCode()).isEqualTo("InvalidArgument");
        assertThat(response.entries().get(2).errorCode()).isEqualTo("MalformedDetail");
        assertThat(response.entries().get(3).errorMessage()).contains("no-such-bus");
    }

    @Test
    void putEvents_whenEntriesExceed256KiB_rejectsTheRequestAsEventBridgeDoes() {
        String large = "{\"blob\":\"" + "x".repeat(140 * 1024) + "\"}";

        assertThatThrownBy(() -> aws.events().putEvents(p -> p.entries(
                e -> e.source("s").detailType("t").detail(large),
                e -> e.source("s").detailType("t").detail(large))))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("over the limit");
    }

    @Test
    void putRule_whenPatternIsInvalid_throwsInvalidEventPatternException() {
        assertThatThrownBy(() -> aws.events().putRule(r -> r.name("broken")
                .eventPattern("{\"detail\":{\"tenantId\":\"acme\"}}")))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    @Test
    void putTargets_whenTargetHasInputPath_deliversOnlyTheSelectedPart() throws Exception {
        String queueUrl = queue("detail-only");
        aws.events().putRule(r -> r.name("detail-only").eventPattern("{\"source\":[\"inputpath.test\"]}"));
        aws.events().putTargets(t -> t.rule("detail-only").targets(Target.builder().id("q")
                .arn(queueArn(queueUrl)).inputPath("$.detail").build()));

        aws.events().putEvents(p -> p.entries(e -> e.source("inputpath.test").detailType("t")
                .detail("{\"a\":1}")));

        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly("{\"a\":1}");
    }

    @Test
    void putTargets_whenTargetHasInputTransformer_deliversTheFilledTemplateAndListsTheTransformer() throws Exception {
        String queueUrl = queue("transformed");
        aws.events().putRule(r -> r.name("transformed").eventPattern("{\"source\":[\"transformer.test\"]}"));
        InputTransformer transformer = InputTransformer.builder()
                .inputPathsMap(Map.of("image", "$.detail.imageId", "faces", "$.detail.faces", "rule",
                        "$.resources[0]"))
                .inputTemplate("{\"image\": <image>, \"summary\": \"<image> has <faces> faces\", "
                        + "\"faces\": <faces>, \"task\": \"notify\"}")
                .build();
        PutTargetsResponse put = aws.events().putTargets(t -> t.rule("transformed").targets(Target.builder()
                .id("q").arn(queueArn(queueUrl)).inputTransformer(transformer).build()));

        aws.events().putEvents(p -> p.entries(e -> e.source("transformer.test").detailType("t")
                .detail("{\"imageId\":\"i-7\",\"faces\":3}")));

        assertThat(put.failedEntryCount()).isZero();
        assertThat(receive(queueUrl)).extracting(Message::body).containsExactly(
                "{\"image\": \"i-7\", \"summary\": \"i-7 has 3 faces\", \"faces\": 3, \"task\": \"notify\"}");
        assertThat(aws.events().listTargetsByRule(l -> l.rule("transformed")).targets())
                .extracting(Target::inputTransformer).containsExactly(transformer);
    }

    @Test
    void putTargets_whenInputTransformerPathIsUnsupported_reportsTheTargetAsFailed() {
        aws.events().putRule(r -> r.name("bad-transformer").eventPattern("{\"source\":[\"bad.test\"]}"));

        PutTargetsResponse put = aws.events().putTargets(t -> t.rule("bad-transformer").targets(Target.builder()
                .id("q").arn("arn:aws:sqs:eu-west-1:000000000000:nowhere").inputTransformer(i -> i
                        .inputPathsMap(Map.of("all", "$..detail")).inputTemplate("<all>")).build()));

        assertThat(put.failedEntryCount()).isEqualTo(1);
        assertThat(put.failedEntries().get(0).errorMessage()).contains("$..detail");
        assertThat(aws.events().listTargetsByRule(l -> l.rule("bad-transformer")).targets()).isEmpty();
    }

    @Test
    void scheduleRules_whenScheduleRuleAndTargetPut_areListedForTheRuntime() {
        aws.events().putRule(r -> r.name("daily-export").scheduleExpression("cron(0 2 * * ? *)"));
        aws.events().putTargets(t -> t.rule("daily-export").targets(Target.builder().id("export")
                .arn("arn:aws:lambda:eu-west-1:000000000000:function:export").input("{\"kind\":\"daily\"}").build()));

        assertThat(aws.services().scheduleRules()).anySatisfy(rule -> {
            assertThat(rule.name()).isEqualTo("daily-export");
            assertThat(rule.scheduleExpression()).isEqualTo("cron(0 2 * * ? *)");
            assertThat(rule.enabled()).isTrue();
            assertThat(rule.targets()).containsExactly(new RuleTarget("export",
                    "arn:aws:lambda:eu-west-1:000000000000:function:export", "{\"kind\":\"daily\"}", null));
        });
        assertThat(aws.events().listRules(l -> l.namePrefix("daily-")).rules()).hasSize(1);
        assertThat(aws.events().listTargetsByRule(l -> l.rule("daily-export")).targets()).hasSize(1);
    }

    @Test
    void publish_whenSubscriptionHasFilterPolicy_deliversMatchingMessageOnceAndDropsOthers() throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("tenant-acme")).topicArn();
        assertThat(aws.sns().createTopic(c -> c.name("tenant-acme")).topicArn()).isEqualTo(topicArn);
        String queueUrl = queue("happy-subscriber");
        String subscriptionArn = aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs")
                .endpoint(queueArn(queueUrl)).attributes(Map.of("FilterPolicy",
                        "{\"emotion\":[\"HAPPY\"],\"faceCount\":[{\"numeric\":[\">=\",2]}]}"))).subscriptionArn();

        String matchingId = aws.sns().publish(p -> p.topicArn(topicArn).subject("analysed").message("{\"n\":1}")
                .messageAttributes(Map.of(
                        "emotion", attribute("String.Array", "[\"HAPPY\",\"CALM\"]"),
                        "faceCount", attribute("Number", "3")))).messageId();
        aws.sns().publish(p -> p.topicArn(topicArn).message("{\"n\":2}").messageAttributes(Map.of(
                "emotion", attribute("String.Array", "[\"SAD\"]"),
                "faceCount", attribute("Number", "3"))));
        aws.sns().publish(p -> p.topicArn(topicArn).message("{\"n\":3}").messageAttributes(Map.of(
                "emotion", attribute("String.Array", "[\"HAPPY\"]"),
                "faceCount", attribute("Number", "1"))));

        List<Message> delivered = receive(queueUrl);
        assertThat(delivered).hasSize(1);
        JsonNode envelope = Json.MAPPER.readTree(delivered.get(0).body());
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("MessageId").asText()).isEqualTo(matchingId);
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.get("Subject").asText()).isEqualTo("analysed");
        assertThat(envelope.get("Message").asText()).isEqualTo("{\"n\":1}");
        assertThat(envelope.get("MessageAttributes").get("faceCount").get("Type").asText()).isEqualTo("Number");
        assertThat(envelope.get("MessageAttributes").get("faceCount").get("Value").asText()).isEqualTo("3");
        assertThat(receive(queueUrl)).isEmpty();
        assertThat(aws.sns().getSubscriptionAttributes(g -> g.subscriptionArn(subscriptionArn)).attributes())
                .containsEntry("FilterPolicyScope", "MessageAttributes")
                .containsEntry("PendingConfirmation", "false");
    }

    @Test
    void publish_whenRawMessageDelivery_sendsBodyAndAttributesAsIs() {
        String topicArn = aws.sns().createTopic(c -> c.name("raw-topic")).topicArn();
        String queueUrl = queue("raw-subscriber");
        String subscriptionArn = aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs")
                .endpoint(queueArn(queueUrl))).subscriptionArn();
        aws.sns().setSubscriptionAttributes(s -> s.subscriptionArn(subscriptionArn)
                .attributeName("RawMessageDelivery").attributeValue("true"));

        aws.sns().publish(p -> p.topicArn(topicArn).message("plain text").messageAttributes(Map.of(
                "dominantEmotion", attribute("String", "HAPPY"))));

        List<Message> delivered = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageAttributeNames("All")).messages();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).body()).isEqualTo("plain text");
        assertThat(delivered.get(0).messageAttributes().get("dominantEmotion").stringValue()).isEqualTo("HAPPY");
    }

    @Test
    void publish_whenWebhookFailsFirst_retriesUntilItAnswers2xx() throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("webhook-topic")).topicArn();
        BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
        BlockingQueue<String> messageTypes = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            int call = calls.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            messageTypes.add(exchange.getRequestHeaders().getFirst("x-amz-sns-message-type"));
            exchange.sendResponseHeaders(call == 1 ? 500 : 200, -1);
            exchange.close();
        });
        webhook.start();
        try {
            String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook";
            aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("http").endpoint(url));

            String messageId = aws.sns().publish(p -> p.topicArn(topicArn).message("to the webhook")).messageId();

            String first = bodies.poll(10, TimeUnit.SECONDS);
            String second = bodies.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull().isEqualTo(second);
            assertThat(Json.MAPPER.readTree(second).get("MessageId").asText()).isEqualTo(messageId);
            assertThat(Json.MAPPER.readTree(second).get("Message").asText()).isEqualTo("to the webhook");
            assertThat(messageTypes.poll()).isEqualTo("Notification");
            assertThat(bodies.poll(1500, TimeUnit.MILLISECONDS)).as("no delivery after the 200").isNull();
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void publish_whenEmailSubscription_writesTheMessageToTheLocalMailbox() throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("mail-topic")).topicArn();
        aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("email").endpoint("ops@example.com"));

        String messageId = aws.sns().publish(p -> p.topicArn(topicArn).subject("Daily export")
                .message("Your export is ready")).messageId();

        Path folder = aws.dataDir().resolve("mailbox").resolve("ops@example.com");
        try (Stream<Path> mails = Files.list(folder)) {
            List<Path> files = mails.toList();
            assertThat(files).hasSize(1);
            assertThat(files.get(0).getFileName().toString()).endsWith("-" + messageId + ".eml");
            assertThat(Files.readString(files.get(0))).contains("To: ops@example.com", "Subject: Daily export",
                    "Your export is ready");
        }
    }

    @Test
    void publish_whenTopicDoesNotExist_throwsNotFound() {
        assertThatThrownBy(() -> aws.sns().publish(p -> p.topicArn("arn:aws:sns:eu-west-1:000000000000:nope")
                .message("x"))).isInstanceOf(NotFoundException.class);
    }

    private static MessageAttributeValue attribute(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }

    @Test
    void publish_whenTheSubscribedQueuesPolicyDoesNotAllowTheTopic_deliversNothingAsSqsWouldRefuse() {
        String topicArn = aws.sns().createTopic(c -> c.name("unpermitted-topic")).topicArn();
        String noPolicy = aws.sqs().createQueue(c -> c.queueName("no-policy-subscriber")).queueUrl();
        String otherTopicOnly = aws.sqs().createQueue(c -> c.queueName("other-topic-subscriber")).queueUrl();
        QueueAccess.allowTopics(aws.sqs(), otherTopicOnly, topicArn + "-other");
        String permitted = queue("permitted-subscriber");
        for (String url : List.of(noPolicy, otherTopicOnly, permitted)) {
            aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url)));
        }

        aws.sns().publish(p -> p.topicArn(topicArn).message("for permitted queues only"));

        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(permitted).waitTimeSeconds(2)).messages()).hasSize(1);
        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(noPolicy).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(aws.sqs().receiveMessage(r -> r.queueUrl(otherTopicOnly).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void publish_whenTheQueuePolicyWasSetInTheQueryProtocol_deliversAndGetQueueAttributesAnswersThePolicy()
            throws Exception {
        String topicArn = aws.sns().createTopic(c -> c.name("query-protocol-topic")).topicArn();
        String pathQueue = aws.sqs().createQueue(c -> c.queueName("query-path-subscriber")).queueUrl();
        String urlQueue = aws.sqs().createQueue(c -> c.queueName("query-url-subscriber")).queueUrl();
        URI edge = aws.services().edgeEndpoint();
        // As the AWS SDK for Java 1.x sends it: to the queue's URL, numbered attributes.
        RawHttp.Answer onPath = RawHttp.send(edge, "POST", URI.create(pathQueue).getPath(), sqsQuery(edge),
                "Action=SetQueueAttributes&Attribute.1.Name=Policy&Attribute.1.Value="
                        + URLEncoder.encode(QueueAccess.topicPolicy(queueArn(pathQueue), topicArn), StandardCharsets.UTF_8)
                        + "&Version=2012-11-05");
        // As SQS's API reference writes it: QueueUrl field, unnumbered attribute.
        RawHttp.Answer byUrl = RawHttp.send(edge, "POST", "/", sqsQuery(edge),
                "Action=SetQueueAttributes&QueueUrl=" + URLEncoder.encode(urlQueue, StandardCharsets.UTF_8)
                        + "&Attribute.Name=Policy&Attribute.Value="
                        + URLEncoder.encode(QueueAccess.topicPolicy(queueArn(urlQueue), topicArn), StandardCharsets.UTF_8)
                        + "&Version=2012-11-05");
        assertThat(onPath.status()).as(onPath.body()).isEqualTo(200);
        assertThat(byUrl.status()).as(byUrl.body()).isEqualTo(200);
        for (String url : List.of(pathQueue, urlQueue)) {
            aws.sns().subscribe(s -> s.topicArn(topicArn).protocol("sqs").endpoint(queueArn(url)));
        }

        aws.sns().publish(p -> p.topicArn(topicArn).message("allowed by a policy set in the query protocol"));

        assertThat(receive(pathQueue)).hasSize(1);
        assertThat(receive(urlQueue)).hasSize(1);
        RawHttp.Answer attributes = RawHttp.send(edge, "POST", "/", sqsQuery(edge),
                "Action=GetQueueAttributes&QueueUrl=" + URLEncoder.encode(pathQueue, StandardCharsets.UTF_8)
                        + "&AttributeName.1=All&Version=2012-11-05");
        assertThat(attributes.body()).contains("<Name>Policy</Name>").contains(topicArn);
    }

    /** The headers of an SQS query-protocol request; the edge reads the service from the credential scope. */
    private static Map<String, String> sqsQuery(URI edge) {
        return Map.of("Host", "127.0.0.1:" + edge.getPort(),
                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                "Authorization", "AWS4-HMAC-SHA256 Credential=local/20261203/" + TestAwsClients.REGION
                        + "/sqs/aws4_request, SignedHeaders=host, Signature=abc");
    }

    /** A queue whose policy lets SNS topics and EventBridge rules deliver to it, as AWS requires. */
    private static String queue(String name) {
        String url = aws.sqs().createQueue(c -> c.queueName(name)).queueUrl();
        QueueAccess.allowTopicsAndRules(aws.sqs(), url);
        return url;
    }

    private static String queueArn(String queueUrl) {
        return aws.sqs().getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void rule(String bus, String name, String pattern, String queueUrl) {
        aws.events().putRule(r -> r.eventBusName(bus).name(name).eventPattern(pattern));
        aws.events().putTargets(t -> t.eventBusName(bus).rule(name)
                .targets(Target.builder().id("queue").arn(queueArn(queueUrl)).build()));
    }

    private static List<Message> receive(String queueUrl) {
        return aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
    }
}
