package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.LocalAwsServices;
import java.util.List;

/**
 * An EventBridge rule with a schedule expression. The services only store these; whoever runs schedules
 * (the local runtime) reads them with {@link LocalAwsServices#scheduleRules()}.
 *
 * @param busName            the rule's event bus
 * @param name               the rule name
 * @param arn                the rule ARN
 * @param scheduleExpression {@code rate(...)} or {@code cron(...)}, as given
 * @param enabled            {@code false} when the rule's state is DISABLED
 * @param targets            the rule's targets
 */
public record ScheduleRule(String busName, String name, String arn, String scheduleExpression, boolean enabled,
                           List<RuleTarget> targets) {
}
