package org.emotionanalyser.local.runtime.cloudformation;

import java.util.List;
import java.util.Map;

/**
 * One entry of the template's {@code Resources}, unresolved.
 *
 * @param logicalId  the key in {@code Resources}
 * @param type       e.g. {@code AWS::SQS::Queue}
 * @param properties the raw {@code Properties} (intrinsic functions still in long form)
 * @param condition  the name of the condition that gates it, or {@code null}
 * @param dependsOn  explicit {@code DependsOn} ids
 */
public record TemplateResource(String logicalId, String type, Map<String, Object> properties, String condition,
                               List<String> dependsOn) {
}
