package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server answering the SQS (JSON), EventBridge (JSON), SNS (Query) and Lambda (REST) calls that
 * provisioning makes, with just enough state (queues, rules, topics, mappings) to answer look-ups the way AWS does.
 * Every call is recorded as {@code "Service.Operation"} with its request parameters, so tests can check what went
 * over the wire.
 */
final class RecordingMessagingServer implements AutoCloseable {

    static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded call. */
    record Call(String operation, JsonNode body) {
    }

    private final LoopbackHttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, String>> queues = new ConcurrentHashMap<>();
    final Map<String, JsonNode> rules = new ConcurrentHashMap<>();
    final Map<String, String> topics = new ConcurrentHashMap<>();
    final Map<String, String> mappings = new ConcurrentHashMap<>();
    /** Each mapping's MaximumBatchingWindowInSeconds, when it was given one. */
    final Map<String, Integer> mappingWindows = new ConcurrentHashMap<>();
    /** Subscription ARN to its Subscribe parameters (TopicArn, Protocol, Endpoint, Attributes...). */
    final Map<String, Map<String, String>> subscriptions = new java.util.concurrent.ConcurrentSkipListMap<>();
    private int nextSubscription = 1;
    private int nextMapping = 1;

    RecordingMessagingServer() {
        server = LoopbackHttpServer.start(this::handle);
    }

    String endpoint() {
        return server.endpoint();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    Call last(String operation) {
        return calls.stream().filter(call -> call.operation().equals(operation)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no call " + operation + " among " + operations()));
    }

    void clearCalls() {
        calls.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String path = exchange.getRequestURI().getPath();
            if (target != null && target.startsWith("AmazonSQS.")) {
                sqs(exchange, target.substring("AmazonSQS.".length()), JSON.readTree(body));
            } else if (target != null && target.startsWith("AWSEvents.")) {
                events(exchange, target.substring("AWSEvents.".length()), JSON.readTree(body));
            } else if (path.startsWith("/2015-03-31/event-source-mappings")) {
                lambda(exchange, exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), body);
            } else {
                sns(exchange, LoopbackHttpServer.formParameters(body));
            }
        }
    }

    private void sqs(HttpExchange exchange, String operation, JsonNode request) throws IOException {
        calls.add(new Call("SQS." + operation, request));
        String url = request.path("QueueUrl").asText(null);
        String name = url == null ? request.path("QueueName").asText() : url.substring(url.lastIndexOf('/') + 1);
        switch (operation) {
            case "GetQueueUrl" -> {
                if (!queues.containsKey(name)) {
                    exchange.getResponseHeaders().add("x-amzn-query-error",
                            "AWS.SimpleQueueService.NonExistentQueue;Sender");
                    json(exchange, 400, "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                            + "\"message\":\"The specified queue does not exist.\"}");
                    return;
                }
                json(exchange, 200, "{\"QueueUrl\":\"" + queueUrl(name) + "\"}");
            }
            case "CreateQueue" -> {
                queues.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(attributes(request));
                json(exchange, 200, "{\"QueueUrl\":\"" + queueUrl(name) + "\"}");
            }
            case "SetQueueAttributes" -> {
                queues.get(name).putAll(attributes(request));
                json(exchange, 200, "{}");
            }
            case "GetQueueAttributes" -> json(exchange, 200, "{\"Attributes\":{\"QueueArn\":\"arn:aws:sqs:eu-west-1:"
                    + ACCOUNT + ":" + name + "\"}}");
            case "DeleteQueue" -> {
                queues.remove(name);
                json(exchange, 200, "{}");
            }
            default -> json(exchange, 400, "{\"__type\":\"InvalidAction\",\"message\":\"" + operation + "\"}");
        }
    }

    private String queueUrl(String name) {
        return endpoint() + "/" + ACCOUNT + "/" + name;
    }

    private static Map<String, String> attributes(JsonNode request) {
        Map<String, String> attributes = new LinkedHashMap<>();
        request.path("Attributes").fields().forEachRemaining(field -> attributes.put(field.getKey(),
                field.getValue().asText()));
        return attributes;
    }

    private void events(HttpExchange exchange, String operation, JsonNode request) throws IOException {
        calls.add(new Call("EventBridge." + operation, request));
        String name = request.has("Rule") ? request.path("Rule").asText() : request.path("Name").asText();
        String arn = "arn:aws:events:eu-west-1:" + ACCOUNT + ":rule/" + request.path("EventBusName").asText() + "/"
                + name;
        switch (operation) {
            case "PutRule" -> {
                rules.put(name, request);
                json(exchange, 200, "{\"RuleArn\":\"" + arn + "\"}");
            }
            case "PutTargets" -> json(exchange, 200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
            case "DescribeRule" -> {
                if (!rules.containsKey(name)) {
                    json(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule " + name
                            + " does not exist.\"}");
                    return;
                }
                json(exchange, 200, "{\"Name\":\"" + name + "\",\"Arn\":\"" + arn + "\"}");
            }
            case "RemoveTargets" -> json(exchange, 200, "{\"FailedEntryCount\":0,\"FailedEntries\":[]}");
            case "DeleteRule" -> {
                rules.remove(name);
                json(exchange, 200, "{}");
            }
            default -> json(exchange, 400, "{\"__type\":\"InvalidAction\",\"message\":\"" + operation + "\"}");
        }
    }

    private void lambda(HttpExchange exchange, String method, String path, String query, String body)
            throws IOException {
        ObjectNode request = body.isEmpty() ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(body);
        if (query != null) {
            LoopbackHttpServer.formParameters(query).forEach(request::put);
        }
        String operation = switch (method) {
            case "GET" -> "ListEventSourceMappings";
            case "POST" -> "CreateEventSourceMapping";
            case "DELETE" -> "DeleteEventSourceMapping";
            case "PUT" -> "UpdateEventSourceMapping";
            default -> method;
        };
        calls.add(new Call("Lambda." + operation, request));
        switch (operation) {
            case "ListEventSourceMappings" -> {
                String source = request.path("EventSourceArn").asText();
                StringBuilder list = new StringBuilder();
                mappings.forEach((uuid, arn) -> {
                    if (arn.equals(source)) {
                        list.append(list.isEmpty() ? "" : ",").append("{\"UUID\":\"").append(uuid)
                                .append("\",\"EventSourceArn\":\"").append(arn).append("\"")
                                .append(mappingWindows.containsKey(uuid)
                                        ? ",\"MaximumBatchingWindowInSeconds\":" + mappingWindows.get(uuid) : "")
                                .append("}");
                    }
                });
                json(exchange, 200, "{\"EventSourceMappings\":[" + list + "]}");
            }
            case "CreateEventSourceMapping" -> {
                String uuid = "mapping-" + nextMapping++;
                mappings.put(uuid, request.path("EventSourceArn").asText());
                if (request.has("MaximumBatchingWindowInSeconds")) {
                    mappingWindows.put(uuid, request.get("MaximumBatchingWindowInSeconds").asInt());
                }
                json(exchange, 202, "{\"UUID\":\"" + uuid + "\",\"State\":\"Creating\"}");
            }
            case "UpdateEventSourceMapping" -> {
                String uuid = path.substring(path.lastIndexOf('/') + 1);
                if (request.has("MaximumBatchingWindowInSeconds")) {
                    mappingWindows.put(uuid, request.get("MaximumBatchingWindowInSeconds").asInt());
                }
                json(exchange, 202, "{\"UUID\":\"" + uuid + "\",\"State\":\"Updating\"}");
            }
            case "DeleteEventSourceMapping" -> {
                mappings.remove(path.substring(path.lastIndexOf('/') + 1));
                json(exchange, 202, "{\"State\":\"Deleting\"}");
            }
            default -> json(exchange, 400, "{\"Message\":\"unsupported\"}");
        }
    }

    private void sns(HttpExchange exchange, Map<String, String> params) throws IOException {
        String action = params.get("Action");
        calls.add(new Call("SNS." + action, JSON.valueToTree(params)));
        String result;
        switch (action) {
            case "CreateTopic" -> {
                String arn = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":" + params.get("Name");
                topics.put(params.get("Name"), arn);
                result = "<CreateTopicResult><TopicArn>" + arn + "</TopicArn></CreateTopicResult>";
            }
            case "DeleteTopic" -> {
                topics.values().remove(params.get("TopicArn"));
                result = "";
            }
            case "Subscribe" -> {
                String arn = params.get("TopicArn") + ":" + String.format("00000000-0000-4000-8000-%012d",
                        nextSubscription++);
                subscriptions.put(arn, params);
                result = "<SubscribeResult><SubscriptionArn>" + arn + "</SubscriptionArn></SubscribeResult>";
            }
            case "ListSubscriptionsByTopic" -> {
                StringBuilder members = new StringBuilder();
                subscriptions.forEach((arn, subscription) -> {
                    if (subscription.get("TopicArn").equals(params.get("TopicArn"))) {
                        members.append("<member><TopicArn>").append(subscription.get("TopicArn"))
                                .append("</TopicArn><Protocol>").append(subscription.get("Protocol"))
                                .append("</Protocol><SubscriptionArn>").append(arn)
                                .append("</SubscriptionArn><Owner>").append(ACCOUNT)
                                .append("</Owner><Endpoint>").append(subscription.get("Endpoint"))
                                .append("</Endpoint></member>");
                    }
                });
                result = "<ListSubscriptionsByTopicResult><Subscriptions>" + members
                        + "</Subscriptions></ListSubscriptionsByTopicResult>";
            }
            case "GetSubscriptionAttributes" -> {
                Map<String, String> subscription = subscriptions.get(params.get("SubscriptionArn"));
                StringBuilder entries = new StringBuilder("<entry><key>PendingConfirmation</key><value>"
                        + !"sqs".equals(subscription.get("Protocol")) + "</value></entry>");
                subscription.forEach((name, value) -> {
                    if (name.startsWith("Attributes.entry.") && name.endsWith(".key")) {
                        String valueName = name.substring(0, name.length() - ".key".length()) + ".value";
                        entries.append("<entry><key>").append(value).append("</key><value>")
                                .append(subscription.get(valueName).replace("&", "&amp;").replace("<", "&lt;")
                                        .replace("\"", "&quot;"))
                                .append("</value></entry>");
                    }
                });
                result = "<GetSubscriptionAttributesResult><Attributes>" + entries
                        + "</Attributes></GetSubscriptionAttributesResult>";
            }
            case "Unsubscribe" -> {
                subscriptions.remove(params.get("SubscriptionArn"));
                result = "";
            }
            default -> {
                xml(exchange, 400, "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>" + action + "</Message></Error><RequestId>r</RequestId></ErrorResponse>");
                return;
            }
        }
        xml(exchange, 200, "<" + action + "Response xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">" + result
                + "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></" + action + "Response>");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/x-amz-json-1.1", body);
    }

    private static void xml(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/xml", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("x-amzn-RequestId", "r");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
