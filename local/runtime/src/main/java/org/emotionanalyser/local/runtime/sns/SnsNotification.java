package org.emotionanalyser.local.runtime.sns;

import java.util.Map;

/**
 * One published message on its way to one subscription.
 *
 * @param messageId  the id Publish answered
 * @param topicArn   the topic
 * @param subject    the subject, or {@code null}
 * @param message    the message text for this subscription's protocol
 * @param attributes message attributes by name
 */
public record SnsNotification(String messageId, String topicArn, String subject, String message,
                       Map<String, SnsMessageAttribute> attributes) {
}
