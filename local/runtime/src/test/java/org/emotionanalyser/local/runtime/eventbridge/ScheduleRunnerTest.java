package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the export function receives when the project's schedule rules fire. */
class ScheduleRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPORT = "arn:aws:lambda:us-east-1:000000000000:function:export";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:000000000000:rule/weekly-reminder";
    private static final Instant MONDAY_NINE = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void invocations_whenWeeklyRuleTargetHasInputTransformer_expectExportTaskWeeklyReminder() throws Exception {
        ScheduleRule rule = new ScheduleRule("default", "weekly-reminder", RULE_ARN, "cron(0 9 ? * MON *)", true,
                List.of(new RuleTarget("export", EXPORT, null, null, projectTransformer("weekly-reminder"))));

        List<ScheduleRunner.Invocation> invocations = invocations(rule);

        assertThat(invocations).extracting(ScheduleRunner.Invocation::functionArn).containsExactly(EXPORT);
        JsonNode received = JSON.readTree(invocations.get(0).payload());
        assertThat(received.get("detail").get("task").asText()).isEqualTo("weekly-reminder");
        assertThat(received.get("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(received.get("id").asText()).isNotBlank();
        assertThat(received.get("account").asText()).isEqualTo("000000000000");
        assertThat(received.get("time").asText()).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(received.get("resources")).hasSize(1);
        assertThat(received.get("resources").get(0).asText()).isEqualTo(RULE_ARN);
    }

    @Test
    void invocations_whenTargetHasNoInputSettingsOrIsAQueue_expectScheduledEventToFunctionsOnly() throws Exception {
        ScheduleRule rule = new ScheduleRule("default", "nightly", RULE_ARN, "cron(0 2 * * ? *)", true,
                List.of(new RuleTarget("export", EXPORT, null, null),
                        new RuleTarget("queue", "arn:aws:sqs:us-east-1:000000000000:jobs", null, null)));

        List<ScheduleRunner.Invocation> invocations = invocations(rule);

        assertThat(invocations).extracting(ScheduleRunner.Invocation::functionArn).containsExactly(EXPORT);
        JsonNode received = JSON.readTree(invocations.get(0).payload());
        assertThat(received.get("source").asText()).isEqualTo("aws.events");
        assertThat(received.get("detail").isEmpty()).isTrue();
    }

    private static List<ScheduleRunner.Invocation> invocations(ScheduleRule rule) {
        try (ScheduleRunner runner = new ScheduleRunner(List::of, null, "us-east-1", "000000000000")) {
            return runner.invocations(rule, MONDAY_NINE);
        }
    }

    /** The transformer of the project template's schedule targets (infra-cloudformation/template.yaml). */
    private static TargetInputTransformer projectTransformer(String task) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("id", "$.id");
        paths.put("time", "$.time");
        paths.put("account", "$.account");
        paths.put("region", "$.region");
        paths.put("resources", "$.resources");
        return new TargetInputTransformer(paths, "{\"version\":\"0\",\"id\":\"<id>\",\"detail-type\":\"Scheduled Event\","
                + "\"source\":\"aws.events\",\"account\":\"<account>\",\"time\":\"<time>\",\"region\":\"<region>\","
                + "\"resources\":<resources>,\"detail\":{\"task\":\"" + task + "\"}}");
    }
}
