package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.edge.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a rule target receives for an event: Input, InputPath, InputTransformer or the event, with the input
 * transformer examples of the EventBridge user guide (the EC2 state-change event).
 */
class RuleTargetTest {

    private static final String RULE = "ec2-state";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/ec2-state";
    private static JsonNode event;

    @BeforeAll
    static void loadEvent() throws IOException {
        try (InputStream in = RuleTargetTest.class.getResourceAsStream("/events/eventbridge-ec2-state-change.json")) {
            event = Json.MAPPER.readTree(in);
        }
    }

    @Test
    void payloadFor_whenTargetHasInputOrInputPathOrNothing_expectInputThenSelectionThenWholeEvent() {
        assertThat(target("{\"job\":\"daily-export\"}", null, null).payloadFor(event, RULE, RULE_ARN))
                .isEqualTo("{\"job\":\"daily-export\"}");
        assertThat(target(null, "$.detail", null).payloadFor(event, RULE, RULE_ARN))
                .isEqualTo("{\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}");
        assertThat(target(null, "$.resources[0]", null).payloadFor(event, RULE, RULE_ARN))
                .isEqualTo("\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"");
        assertThat(target(null, null, null).payloadFor(event, RULE, RULE_ARN)).isEqualTo(event.toString());
    }

    @Test
    void payloadFor_whenJsonTemplateHasUnquotedPlaceholders_expectJsonValuesWithStringsQuoted() throws Exception {
        String payload = transformed("{\"instance\" : <instance>, \"state\": [9, <state>, true], "
                + "\"resources\": <resources>, \"Transformed\" : \"Yes\"}");

        assertThat(payload).isEqualTo("{\"instance\" : \"i-0123456789\", \"state\": [9, \"RUNNING\", true], "
                + "\"resources\": [\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\"], "
                + "\"Transformed\" : \"Yes\"}");
        assertThat(Json.MAPPER.readTree(payload).get("state").get(1).asText()).isEqualTo("RUNNING");
    }

    @Test
    void payloadFor_whenPlaceholderIsInsideQuotes_expectRawTextOfTheValue() {
        assertThat(transformed("{\"timestamp\" : <timestamp>, \"message\": \"instance <instance> is in <state>\"}"))
                .isEqualTo("{\"timestamp\" : \"2015-11-11T21:29:54Z\", "
                        + "\"message\": \"instance i-0123456789 is in RUNNING\"}");
        assertThat(transformed("\"<instance> is in state \\\"<state>\\\"\""))
                .isEqualTo("\"i-0123456789 is in state \\\"RUNNING\\\"\"");
    }

    @Test
    void payloadFor_whenTemplateIsPlainText_expectValuesAsText() {
        assertThat(transformed("instance <instance> is in <state>")).isEqualTo("instance i-0123456789 is in RUNNING");
    }

    @Test
    void payloadFor_whenObjectVariableIsUsed_expectJsonAsValueAndUnquotedTextInsideAString() {
        assertThat(transformed("{\"detail\": <detail>}"))
                .isEqualTo("{\"detail\": {\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\"}}");
        assertThat(transformed("{\"text\": \"Detail is <detail>\"}"))
                .isEqualTo("{\"text\": \"Detail is {instance-id:i-0123456789,state:RUNNING}\"}");
    }

    @Test
    void payloadFor_whenPathSelectsNothingOrPlaceholderIsNoVariable_expectNothingForTheFormerAndTextKept() {
        assertThat(transformed("{\"zone\": \"<zone>\", \"html\": \"<b>bold</b>\"}"))
                .isEqualTo("{\"zone\": \"\", \"html\": \"<b>bold</b>\"}");
    }

    @Test
    void payloadFor_whenTemplateUsesPredefinedVariables_expectRuleAndEventWithAndWithoutDetail() throws Exception {
        JsonNode payload = Json.MAPPER.readTree(transformed("{\"rule\": <aws.events.rule-name>, "
                + "\"arn\": \"<aws.events.rule-arn>\", \"event\": <aws.events.event>, "
                + "\"full\": <aws.events.event.json>, \"received\": <aws.events.event.ingestion-time>}"));

        assertThat(payload.get("rule").asText()).isEqualTo(RULE);
        assertThat(payload.get("arn").asText()).isEqualTo(RULE_ARN);
        assertThat(payload.get("event").get("id").asText()).isEqualTo("7bf73129-1428-4cd3-a780-95db273d1602");
        assertThat(payload.get("event").has("detail")).isFalse();
        assertThat(payload.get("full")).isEqualTo(event);
        assertThat(payload.get("received").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void problem_whenPathUnsupportedOrKeyReservedOrTemplateMissing_expectReasonNamingIt() {
        assertThat(new TargetInputTransformer(Map.of("x", "$.detail[*]"), "<x>").problem())
                .contains("$.detail[*]");
        assertThat(new TargetInputTransformer(Map.of("aws.mine", "$.id"), "<aws.mine>").problem())
                .contains("reserved");
        assertThat(new TargetInputTransformer(Map.of("id", "$.id"), null).problem()).contains("InputTemplate");
        assertThat(new TargetInputTransformer(Map.of("id", "$.id"), "<id>").problem()).isNull();
    }

    private static String transformed(String template) {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("timestamp", "$.time");
        paths.put("instance", "$.detail.instance-id");
        paths.put("state", "$.detail.state");
        paths.put("resources", "$.resources");
        paths.put("detail", "$.detail");
        paths.put("zone", "$.detail.availability-zone");
        return target(null, null, new TargetInputTransformer(paths, template)).payloadFor(event, RULE, RULE_ARN);
    }

    private static RuleTarget target(String input, String inputPath, TargetInputTransformer transformer) {
        return new RuleTarget("t", "arn:aws:sqs:us-east-1:123456789012:q", input, inputPath, transformer);
    }
}
