package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.local.runtime.eventbridge.EventBridgeProvisioner;
import org.emotionanalyser.local.runtime.ProvisionedStack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The project's own template must stay runnable locally: every type known, every value local mode reads resolvable. */
class ProjectTemplateTest {

    private static final Path TEMPLATE = Path.of("../../infra-cloudformation/template.yaml");

    @Test
    void validate_whenProjectTemplate_expectEveryResourceTypeKnownLocally() {
        assertThat(TEMPLATE).as("the stack template next to this module").isRegularFile();
        StackProvisioner provisioner = ProvisionedStack.provisioner(CloudFormationTemplate.load(TEMPLATE),
                Map.of("Stage", "local"),
                new PseudoParameters("us-east-1", "000000000000", "emotion-analyser-local"), null);

        provisioner.validate();
    }

    @Test
    void resolve_whenProjectTemplateConsumerEnvironment_expectLocalResourceNames() {
        CloudFormationTemplate template = CloudFormationTemplate.load(TEMPLATE);
        StackProvisioner provisioner = ProvisionedStack.provisioner(template,
                Map.of("Stage", "local"),
                new PseudoParameters("us-east-1", "000000000000", "emotion-analyser-local"), null);

        Object env = provisioner.evaluator().resolve(
                template.resources().get("TenantConsumerFunction").properties().get("Environment"));

        assertThat(env.toString())
                .contains("RESOURCE_PREFIX=emotion-analyser-local")
                .contains("TENANTS_TABLE=emotion-analyser-local-tenants")
                .contains("EMOTION_TABLE_PREFIX=emotion-analyser-local-emotion-");
    }

    @Test
    void ruleTargets_whenProjectScheduleRules_expectExportTargetsKeepTheirTaskTransformersDlqAndRetryPolicy() {
        StackProvisioner provisioner = ProvisionedStack.provisioner(CloudFormationTemplate.load(TEMPLATE),
                Map.of("Stage", "local"),
                new PseudoParameters("us-east-1", "000000000000", "emotion-analyser-local"), null);

        Map<String, String> tasks = Map.of("DailyExportSchedule", "daily-export",
                "WeeklyExportReminderSchedule", "weekly-reminder");
        tasks.forEach((rule, task) -> {
            List<Target> targets = EventBridgeProvisioner.ruleTargets(
                    provisioner.resource(rule), provisioner.resolvedProperties(rule));

            assertThat(targets).as(rule).singleElement().satisfies(target -> {
                assertThat(target.arn()).endsWith(":function:emotion-analyser-local-export");
                assertThat(target.inputTransformer()).as(rule + " InputTransformer").isNotNull();
                assertThat(target.inputTransformer().inputPathsMap())
                        .containsEntry("id", "$.id").containsEntry("resources", "$.resources");
                assertThat(target.inputTransformer().inputTemplate())
                        .contains("\"detail\":{\"task\":\"" + task + "\"}");
                assertThat(target.deadLetterConfig().arn()).as(rule + " DeadLetterConfig")
                        .endsWith(":emotion-analyser-local-export-dlq");
                assertThat(target.retryPolicy().maximumRetryAttempts()).isEqualTo(10);
                assertThat(target.retryPolicy().maximumEventAgeInSeconds()).isEqualTo(3600);
            });
        });
    }
}
