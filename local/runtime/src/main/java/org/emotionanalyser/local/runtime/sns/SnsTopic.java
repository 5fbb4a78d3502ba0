package org.emotionanalyser.local.runtime.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic as stored (and persisted).
 *
 * @param name       topic name
 * @param arn        topic ARN
 * @param attributes attributes set by CreateTopic/SetTopicAttributes (DisplayName, ...)
 */
public record SnsTopic(String name, String arn, Map<String, String> attributes) {

    public SnsTopic {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
