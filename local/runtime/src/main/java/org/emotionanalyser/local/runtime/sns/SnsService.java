package org.emotionanalyser.local.runtime.sns;

import org.emotionanalyser.local.runtime.edge.JsonStateFile;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.QueryProtocol;
import org.emotionanalyser.local.runtime.sqs.SqsDelivery;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * SNS over the Query protocol: topics, subscriptions (sqs, http, https, email, email-json) with filter policies and
 * raw delivery, Publish and PublishBatch. Topics and subscriptions are saved to a JSON file after every change.
 *
 * <p>Local subscriptions are confirmed at once: no SubscriptionConfirmation message is sent to HTTP endpoints and
 * no confirmation mail is written, since nobody is there to click the link. Deliveries are not signed.
 */
public final class SnsService implements EdgeService, AutoCloseable {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    /** What is saved. */
    record SavedState(List<SnsTopic> topics, List<SnsSubscription> subscriptions) {
    }

    private final JsonStateFile stateFile;
    private final String region;
    private final String accountId;
    private final SnsDelivery delivery;
    private final Map<String, SnsTopic> topics = new LinkedHashMap<>();
    private final Map<String, SnsSubscription> subscriptions = new LinkedHashMap<>();

    public SnsService(Path dataDir, String region, String accountId, SqsDelivery sqs, Supplier<URI> edgeEndpoint)
            throws IOException {
        Path directory = dataDir.resolve("sns");
        Files.createDirectories(directory);
        this.stateFile = new JsonStateFile(directory.resolve("sns.json"));
        this.region = region;
        this.accountId = accountId;
        this.delivery = new SnsDelivery(sqs, dataDir.resolve("mailbox"), edgeEndpoint);
        stateFile.load(SavedState.class).ifPresent(saved -> {
            saved.topics().forEach(topic -> topics.put(topic.arn(), topic));
            saved.subscriptions().forEach(subscription -> subscriptions.put(subscription.arn(), subscription));
        });
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) {
        Map<String, String> parameters = QueryProtocol.parameters(request);
        String action = parameters.getOrDefault("Action", "");
        try {
            String result = switch (action) {
                case "CreateTopic" -> createTopic(parameters);
                case "DeleteTopic" -> deleteTopic(parameters);
                case "ListTopics" -> listTopics();
                case "GetTopicAttributes" -> getTopicAttributes(parameters);
                case "SetTopicAttributes" -> setTopicAttributes(parameters);
                case "Subscribe" -> subscribe(parameters);
                case "Unsubscribe" -> unsubscribe(parameters);
                case "ListSubscriptions" -> listSubscriptions(null);
                case "ListSubscriptionsByTopic" -> listSubscriptions(existingTopic(parameters.get("TopicArn")));
                case "GetSubscriptionAttributes" -> getSubscriptionAttributes(parameters);
                case "SetSubscriptionAttributes" -> setSubscriptionAttributes(parameters);
                case "Publish" -> publish(parameters);
                case "PublishBatch" -> publishBatch(parameters);
                default -> throw new AwsServiceException(400, "InvalidAction",
                        "The local SNS does not support the action " + action + ".");
            };
            return QueryProtocol.ok(action, NAMESPACE, result);
        } catch (AwsServiceException e) {
            return QueryProtocol.error(NAMESPACE, e);
        }
    }

    private synchronized String createTopic(Map<String, String> parameters) {
        String name = required(parameters, "Name");
        if (!name.matches("[A-Za-z0-9_-]{1,256}")) {
            throw invalid("Invalid parameter: Topic Name: must be 1-256 letters, digits, hyphens or underscores");
        }
        String arn = "arn:aws:sns:" + region + ":" + accountId + ":" + name;
        if (!topics.containsKey(arn)) {
            Map<String, String> attributes = entries(parameters, "Attributes.entry.", "key", "value");
            topics.put(arn, new SnsTopic(name, arn, attributes));
            save();
        }
        return QueryProtocol.element("TopicArn", arn);
    }

    private synchronized String deleteTopic(Map<String, String> parameters) {
        String arn = required(parameters, "TopicArn");
        if (topics.remove(arn) != null) {
            subscriptions.values().removeIf(subscription -> subscription.topicArn().equals(arn));
            save();
        }
        return null;
    }

    private synchronized String listTopics() {
        StringBuilder xml = new StringBuilder("<Topics>");
        for (SnsTopic topic : topics.values()) {
            xml.append("<member>").append(QueryProtocol.element("TopicArn", topic.arn())).append("</member>");
        }
        return xml.append("</Topics>").toString();
    }

    private synchronized String getTopicAttributes(Map<String, String> parameters) {
        SnsTopic topic = existingTopic(parameters.get("TopicArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("TopicArn", topic.arn());
        attributes.put("Owner", accountId);
        attributes.put("DisplayName", topic.attributes().getOrDefault("DisplayName", ""));
        attributes.putAll(topic.attributes());
        long confirmed = subscriptions.values().stream().filter(s -> s.topicArn().equals(topic.arn())).count();
        attributes.put("SubscriptionsConfirmed", Long.toString(confirmed));
        attributes.put("SubscriptionsPending", "0");
        attributes.put("SubscriptionsDeleted", "0");
        return attributesXml(attributes);
    }

    private synchronized String setTopicAttributes(Map<String, String> parameters) {
        SnsTopic topic = existingTopic(parameters.get("TopicArn"));
        Map<String, String> attributes = new LinkedHashMap<>(topic.attributes());
        attributes.put(required(parameters, "AttributeName"), parameters.getOrDefault("AttributeValue", ""));
        topics.put(topic.arn(), new SnsTopic(topic.name(), topic.arn(), attributes));
        save();
        return null;
    }

    private synchronized String subscribe(Map<String, String> parameters) {
        SnsTopic topic = existingTopic(parameters.get("TopicArn"));
        String protocol = required(parameters, "Protocol");
        String endpoint = required(parameters, "Endpoint");
        checkEndpoint(protocol, endpoint);
        Map<String, String> attributes = entries(parameters, "Attributes.entry.", "key", "value");
        if (attributes.containsKey("FilterPolicy")) {
            FilterPolicyMatcher.check(attributes.get("FilterPolicy"));
        }
        for (SnsSubscription existing : subscriptions.values()) {
            // Subscribing the same endpoint again answers the existing subscription, as SNS does.
            if (existing.topicArn().equals(topic.arn()) && existing.protocol().equals(protocol)
                    && existing.endpoint().equals(endpoint)) {
                return QueryProtocol.element("SubscriptionArn", existing.arn());
            }
        }
        SnsSubscription subscription = new SnsSubscription(topic.arn() + ":" + UUID.randomUUID(), topic.arn(),
                protocol, endpoint, attributes);
        subscriptions.put(subscription.arn(), subscription);
        save();
        return QueryProtocol.element("SubscriptionArn", subscription.arn());
    }

    private static void checkEndpoint(String protocol, String endpoint) {
        boolean valid = switch (protocol) {
            case "sqs" -> endpoint.startsWith("arn:aws:sqs:");
            case "http" -> endpoint.startsWith("http://");
            case "https" -> endpoint.startsWith("https://");
            case "email", "email-json" -> endpoint.matches("[^@\\s/\\\\]+@[^@\\s/\\\\]+");
            default -> throw invalid("Invalid parameter: Amazon SNS does not support this protocol string: "
                    + protocol + " (local mode supports sqs, http, https, email, email-json)");
        };
        if (!valid) {
            throw invalid("Invalid parameter: Endpoint: " + endpoint + " is not a valid " + protocol + " endpoint");
        }
    }

    private synchronized String unsubscribe(Map<String, String> parameters) {
        String arn = required(parameters, "SubscriptionArn");
        if (subscriptions.remove(arn) == null) {
            throw new AwsServiceException(404, "NotFound", "Subscription does not exist");
        }
        save();
        return null;
    }

    private synchronized String listSubscriptions(SnsTopic topic) {
        StringBuilder xml = new StringBuilder("<Subscriptions>");
        for (SnsSubscription subscription : subscriptions.values()) {
            if (topic == null || subscription.topicArn().equals(topic.arn())) {
                xml.append("<member>")
                        .append(QueryProtocol.element("TopicArn", subscription.topicArn()))
                        .append(QueryProtocol.element("Protocol", subscription.protocol()))
                        .append(QueryProtocol.element("SubscriptionArn", subscription.arn()))
                        .append(QueryProtocol.element("Owner", accountId))
                        .append(QueryProtocol.element("Endpoint", subscription.endpoint()))
                        .append("</member>");
            }
        }
        return xml.append("</Subscriptions>").toString();
    }

    private synchronized String getSubscriptionAttributes(Map<String, String> parameters) {
        SnsSubscription subscription = existingSubscription(parameters.get("SubscriptionArn"));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("SubscriptionArn", subscription.arn());
        attributes.put("TopicArn", subscription.topicArn());
        attributes.put("Protocol", subscription.protocol());
        attributes.put("Endpoint", subscription.endpoint());
        attributes.put("Owner", accountId);
        attributes.put("PendingConfirmation", "false");
        attributes.put("ConfirmationWasAuthenticated", "true");
        attributes.put("RawMessageDelivery", Boolean.toString(subscription.rawMessageDelivery()));
        attributes.putAll(subscription.attributes());
        if (subscription.filterPolicy() != null && !attributes.containsKey("FilterPolicyScope")) {
            attributes.put("FilterPolicyScope", "MessageAttributes");
        }
        return attributesXml(attributes);
    }

    private synchronized String setSubscriptionAttributes(Map<String, String> parameters) {
        SnsSubscription subscription = existingSubscription(parameters.get("SubscriptionArn"));
        String name = required(parameters, "AttributeName");
        String value = parameters.getOrDefault("AttributeValue", "");
        switch (name) {
            case "FilterPolicy" -> {
                if (!value.isEmpty()) {
                    FilterPolicyMatcher.check(value);
                }
            }
            case "FilterPolicyScope" -> {
                if (!value.equals("MessageAttributes") && !value.equals("MessageBody")) {
                    throw invalid("Invalid parameter: FilterPolicyScope: must be MessageAttributes or MessageBody");
                }
            }
            case "RawMessageDelivery" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw invalid("Invalid parameter: RawMessageDelivery: must be true or false");
                }
            }
            case "DeliveryPolicy", "RedrivePolicy", "SubscriptionRoleArn" -> {
                // Stored and reported; local delivery keeps its own bounded retry policy.
            }
            default -> throw invalid("Invalid parameter: AttributeName");
        }
        subscriptions.put(subscription.arn(), subscription.withAttribute(name, value));
        save();
        return null;
    }

    private String publish(Map<String, String> parameters) {
        String topicArn = parameters.containsKey("TopicArn") ? parameters.get("TopicArn") : parameters.get("TargetArn");
        String messageId = publishOne(topicArn, parameters, "");
        return QueryProtocol.element("MessageId", messageId);
    }

    private String publishBatch(Map<String, String> parameters) {
        String topicArn = required(parameters, "TopicArn");
        existingTopic(topicArn);
        StringBuilder successful = new StringBuilder("<Successful>");
        StringBuilder failed = new StringBuilder("<Failed>");
        for (int n = 1; parameters.containsKey("PublishBatchRequestEntries.member." + n + ".Id"); n++) {
            String prefix = "PublishBatchRequestEntries.member." + n + ".";
            String id = parameters.get(prefix + "Id");
            try {
                String messageId = publishOne(topicArn, parameters, prefix);
                successful.append("<member>").append(QueryProtocol.element("Id", id))
                        .append(QueryProtocol.element("MessageId", messageId)).append("</member>");
            } catch (AwsServiceException e) {
                failed.append("<member>").append(QueryProtocol.element("Id", id))
                        .append(QueryProtocol.element("Code", e.code()))
                        .append(QueryProtocol.element("Message", e.getMessage()))
                        .append(QueryProtocol.element("SenderFault", "true")).append("</member>");
            }
        }
        return successful.append("</Successful>").append(failed).append("</Failed>").toString();
    }

    /** Publishes the message whose parameters start with {@code prefix}; answers its message id. */
    private String publishOne(String topicArn, Map<String, String> parameters, String prefix) {
        SnsTopic topic;
        List<SnsSubscription> targets;
        synchronized (this) {
            topic = existingTopic(topicArn);
            targets = new ArrayList<>();
            for (SnsSubscription subscription : subscriptions.values()) {
                if (subscription.topicArn().equals(topic.arn())) {
                    targets.add(subscription);
                }
            }
        }
        String message = parameters.get(prefix + "Message");
        if (message == null || message.isEmpty()) {
            throw invalid("Invalid parameter: Empty message");
        }
        if (message.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
            throw invalid("Invalid parameter: Message too long");
        }
        String subject = parameters.get(prefix + "Subject");
        Map<String, SnsMessageAttribute> attributes = messageAttributes(parameters, prefix + "MessageAttributes.entry.");
        JsonNode structured = null;
        if ("json".equals(parameters.get(prefix + "MessageStructure"))) {
            structured = structuredMessage(message);
        }
        String messageId = UUID.randomUUID().toString();
        for (SnsSubscription subscription : targets) {
            String body = structured == null ? message
                    : structured.path(subscription.protocol()).asText(structured.path("default").asText());
            if (FilterPolicyMatcher.accepts(subscription, body, attributes)) {
                delivery.deliver(subscription, new SnsNotification(messageId, topic.arn(), subject, body,
                        attributes));
            }
        }
        return messageId;
    }

    private static JsonNode structuredMessage(String message) {
        try {
            JsonNode node = Json.MAPPER.readTree(message);
            if (node != null && node.isObject() && node.has("default")) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw invalid("Invalid parameter: Message Structure - No default entry in JSON message body");
    }

    private static Map<String, SnsMessageAttribute> messageAttributes(Map<String, String> parameters,
                                                                      String prefix) {
        Map<String, SnsMessageAttribute> attributes = new LinkedHashMap<>();
        for (int n = 1; parameters.containsKey(prefix + n + ".Name"); n++) {
            String name = parameters.get(prefix + n + ".Name");
            String type = parameters.get(prefix + n + ".Value.DataType");
            if (type == null || !type.matches("(String|Number|Binary|String\\.Array)(\\..+)?")) {
                throw invalid("Invalid parameter: MessageAttributes: the data type of attribute " + name
                        + " must be String, String.Array, Number or Binary");
            }
            String stringValue = parameters.get(prefix + n + ".Value.StringValue");
            String binaryValue = parameters.get(prefix + n + ".Value.BinaryValue");
            if (type.startsWith("Number") && (stringValue == null || !stringValue.trim()
                    .matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?"))) {
                throw invalid("Invalid parameter: MessageAttributes: attribute " + name
                        + " of type Number must be a number");
            }
            if (type.startsWith("String.Array")) {
                try {
                    JsonNode array = Json.MAPPER.readTree(stringValue);
                    if (array == null || !array.isArray()) {
                        throw new IOException("not an array");
                    }
                } catch (IOException e) {
                    throw invalid("Invalid parameter: MessageAttributes: attribute " + name
                            + " of type String.Array must be a JSON array");
                }
            }
            attributes.put(name, new SnsMessageAttribute(type, stringValue, binaryValue));
        }
        return attributes;
    }

    /** {@code Prefix.N.key}/{@code Prefix.N.value} pairs as a map. */
    private static Map<String, String> entries(Map<String, String> parameters, String prefix, String key,
                                               String value) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int n = 1; parameters.containsKey(prefix + n + "." + key); n++) {
            entries.put(parameters.get(prefix + n + "." + key), parameters.getOrDefault(prefix + n + "." + value,
                    ""));
        }
        return entries;
    }

    private static String attributesXml(Map<String, String> attributes) {
        StringBuilder xml = new StringBuilder("<Attributes>");
        attributes.forEach((name, value) -> xml.append("<entry>").append(QueryProtocol.element("key", name))
                .append(QueryProtocol.element("value", value)).append("</entry>"));
        return xml.append("</Attributes>").toString();
    }

    private SnsTopic existingTopic(String arn) {
        SnsTopic topic = arn == null ? null : topics.get(arn);
        if (topic == null) {
            throw new AwsServiceException(404, "NotFound", "Topic does not exist");
        }
        return topic;
    }

    private SnsSubscription existingSubscription(String arn) {
        SnsSubscription subscription = arn == null ? null : subscriptions.get(arn);
        if (subscription == null) {
            throw new AwsServiceException(404, "NotFound", "Subscription does not exist");
        }
        return subscription;
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isEmpty()) {
            throw invalid("Invalid parameter: " + name);
        }
        return value;
    }

    private static AwsServiceException invalid(String message) {
        return new AwsServiceException(400, "InvalidParameter", message);
    }

    private void save() {
        try {
            stateFile.save(new SavedState(new ArrayList<>(topics.values()), new ArrayList<>(subscriptions.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("local SNS could not save its topics to " + stateFile.path(), e);
        }
    }

    @Override
    public void close() {
        delivery.close();
    }
}
