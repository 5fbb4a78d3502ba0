package org.emotionanalyser.local.runtime.sns;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.sqs.SqsDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Delivers SNS notifications: to SQS queues (before Publish answers), to HTTP/HTTPS endpoints (in the background,
 * retried with backoff like SNS's default delivery policy but bounded for a laptop), and to email addresses as
 * files in a local mailbox folder, {@code mailbox/<address>/<timestamp>-<messageId>.eml}.
 */
public final class SnsDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnsDelivery.class);

    /** First attempt plus three retries, as SNS's default HTTP policy, with delays of 0.2, 0.4 and 0.8 s. */
    static final int HTTP_ATTEMPTS = 4;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** SNS delivers to queues as this service principal; queue policies must allow it, as in AWS. */
    static final String SNS_PRINCIPAL = "sns.amazonaws.com";

    private final SqsDelivery sqs;
    private final Path mailbox;
    private final Supplier<URI> edgeEndpoint;
    private final ExecutorService http;

    SnsDelivery(SqsDelivery sqs, Path mailbox, Supplier<URI> edgeEndpoint) {
        this.sqs = sqs;
        this.mailbox = mailbox;
        this.edgeEndpoint = edgeEndpoint;
        this.http = Executors.newFixedThreadPool(2, DaemonThreads.named("local-sns-http-delivery"));
    }

    void deliver(SnsSubscription subscription, SnsNotification notification) {
        try {
            switch (subscription.protocol()) {
                case "sqs" -> toQueue(subscription, notification);
                case "http", "https" -> http.execute(() -> toWebhook(subscription, notification));
                case "email" -> toMailbox(subscription, notification, notification.message());
                case "email-json" -> toMailbox(subscription, notification,
                        envelope(notification, subscription.arn()).toString());
                default -> LOG.warn("local SNS: no delivery for protocol " + subscription.protocol());
            }
        } catch (RuntimeException e) {
            // As on SNS, one subscriber's failure neither fails Publish nor stops the other deliveries.
            LOG.warn("local SNS: delivery to " + subscription.endpoint() + " failed: " + e.getMessage());
        }
    }

    private void toQueue(SnsSubscription subscription, SnsNotification notification) {
        if (subscription.rawMessageDelivery()) {
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            notification.attributes().forEach((name, attribute) -> attributes.put(name, sqsAttribute(attribute)));
            sqs.sendAs(SNS_PRINCIPAL, notification.topicArn(), subscription.endpoint(), notification.message(),
                    attributes);
        } else {
            sqs.sendAs(SNS_PRINCIPAL, notification.topicArn(), subscription.endpoint(),
                    envelope(notification, subscription.arn()).toString(), Map.of());
        }
    }

    private static MessageAttributeValue sqsAttribute(SnsMessageAttribute attribute) {
        MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(attribute.dataType());
        if (attribute.dataType().startsWith("Binary")) {
            value.binaryValue(SdkBytes.fromByteArray(Base64.getDecoder().decode(attribute.binaryValue())));
        } else {
            value.stringValue(attribute.stringValue());
        }
        return value.build();
    }

    private void toWebhook(SnsSubscription subscription, SnsNotification notification) {
        String body = subscription.rawMessageDelivery() ? notification.message()
                : envelope(notification, subscription.arn()).toString();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Duration delay = FIRST_RETRY_DELAY;
        String outcome = "";
        for (int attempt = 1; attempt <= HTTP_ATTEMPTS; attempt++) {
            try {
                int status = post(subscription, notification, bytes);
                if (status >= 200 && status < 300) {
                    return;
                }
                outcome = "HTTP " + status;
                // SNS retries server errors and throttling only; other client errors are permanent failures.
                if (status < 500 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                outcome = e.toString();
            }
            if (attempt < HTTP_ATTEMPTS) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delay = delay.multipliedBy(2);
            }
        }
        LOG.warn("local SNS: gave up delivering message " + notification.messageId() + " to "
                + subscription.endpoint() + ": " + outcome);
    }

    /** One POST with the headers SNS sends; answers the status. */
    private static int post(SnsSubscription subscription, SnsNotification notification, byte[] body)
            throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(subscription.endpoint()).toURL()
                .openConnection();
        try {
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(15_000);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "text/plain; charset=UTF-8");
            connection.setRequestProperty("User-Agent", "Amazon Simple Notification Service Agent");
            connection.setRequestProperty("x-amz-sns-message-type", "Notification");
            connection.setRequestProperty("x-amz-sns-message-id", notification.messageId());
            connection.setRequestProperty("x-amz-sns-topic-arn", notification.topicArn());
            connection.setRequestProperty("x-amz-sns-subscription-arn", subscription.arn());
            connection.setRequestProperty("x-amz-sns-rawdelivery", Boolean.toString(subscription.rawMessageDelivery()));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream answer = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            if (answer != null) {
                answer.readAllBytes();
                answer.close();
            }
            return status;
        } finally {
            connection.disconnect();
        }
    }

    private void toMailbox(SnsSubscription subscription, SnsNotification notification, String text) {
        Path folder = mailbox.resolve(subscription.endpoint().replaceAll("[^A-Za-z0-9@._+-]", "_"));
        Instant now = Instant.now();
        String subject = notification.subject() == null ? "AWS Notification Message" : notification.subject();
        String mail = "From: no-reply@sns.amazonaws.com\r\n"
                + "To: " + subscription.endpoint() + "\r\n"
                + "Subject: " + subject.replaceAll("[\r\n]", " ") + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + notification.messageId() + "@sns.local>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "\r\n"
                + text + "\r\n\r\n--\r\nTo unsubscribe: " + unsubscribeUrl(subscription.arn()) + "\r\n";
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(FILE_TIME.format(now) + "-" + notification.messageId() + ".eml"), mail,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to the local mailbox " + folder, e);
        }
    }

    /** The JSON document SNS delivers to SQS and HTTP subscribers (unsigned here). */
    ObjectNode envelope(SnsNotification notification, String subscriptionArn) {
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", notification.messageId());
        envelope.put("TopicArn", notification.topicArn());
        if (notification.subject() != null) {
            envelope.put("Subject", notification.subject());
        }
        envelope.put("Message", notification.message());
        envelope.put("Timestamp", TIMESTAMP.format(Instant.now()));
        envelope.put("UnsubscribeURL", unsubscribeUrl(subscriptionArn));
        if (!notification.attributes().isEmpty()) {
            ObjectNode attributes = envelope.putObject("MessageAttributes");
            notification.attributes().forEach((name, attribute) -> attributes.putObject(name)
                    .put("Type", attribute.dataType()).put("Value", attribute.value()));
        }
        return envelope;
    }

    private String unsubscribeUrl(String subscriptionArn) {
        return edgeEndpoint.get() + "/?Action=Unsubscribe&SubscriptionArn="
                + URLEncoder.encode(subscriptionArn, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.shutdownNow();
        try {
            http.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
