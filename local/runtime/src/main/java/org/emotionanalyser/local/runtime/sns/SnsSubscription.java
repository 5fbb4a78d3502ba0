package org.emotionanalyser.local.runtime.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subscription as stored (and persisted). Local subscriptions are confirmed at once.
 *
 * @param arn        subscription ARN
 * @param topicArn   the topic
 * @param protocol   sqs, http, https, email or email-json
 * @param endpoint   queue ARN, URL or mail address
 * @param attributes FilterPolicy, FilterPolicyScope, RawMessageDelivery as set
 */
public record SnsSubscription(String arn, String topicArn, String protocol, String endpoint,
                       Map<String, String> attributes) {

    public SnsSubscription {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    SnsSubscription withAttribute(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(attributes);
        if (value == null || value.isEmpty()) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new SnsSubscription(arn, topicArn, protocol, endpoint, changed);
    }

    boolean rawMessageDelivery() {
        return "true".equalsIgnoreCase(attributes.get("RawMessageDelivery"));
    }

    String filterPolicy() {
        return attributes.get("FilterPolicy");
    }

    boolean filtersMessageBody() {
        return "MessageBody".equals(attributes.get("FilterPolicyScope"));
    }
}
