package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.local.runtime.ProvisionedStack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateEvaluatorTest {

    private static final PseudoParameters PSEUDO =
            new PseudoParameters("eu-west-1", "123456789012", "emotion-analyser-local");

    @Test
    void resolve_whenFunctionEnvironmentUsesIntrinsics_expectEveryValueResolved() {
        Map<String, Object> env = functionEnvironment(Map.of("Stage", "local"));

        assertThat(env)
                .containsEntry("QUEUE_ARN", "arn:aws:sqs:eu-west-1:123456789012:emotion-analyser-local-work")
                .containsEntry("TABLE", "emotion-analyser-local-tenants")
                .containsEntry("BUS_ARN", "arn:aws:events:eu-west-1:123456789012:event-bus/emotion-analyser-local-bus")
                .containsEntry("WHERE", "eu-west-1/123456789012/emotion-analyser-local/aws/amazonaws.com")
                .containsEntry("LITERAL", "keep ${Literal} as is")
                .containsEntry("THRESHOLD", "50")
                .containsEntry("SECOND_ZONE", "b")
                .containsEntry("FIRST_PART", "one")
                .containsEntry("ALARM", "off")
                .containsEntry("MEMORY", 512)
                .containsEntry("QUALIFIED",
                        "arn:aws:lambda:eu-west-1:123456789012:function:emotion-analyser-local-reader:live");
    }

    @Test
    void resolve_whenIfChoosesNoValue_expectTheKeyDropped() {
        Map<String, Object> env = functionEnvironment(Map.of("Stage", "local"));

        assertThat(env).doesNotContainKey("MODE");
    }

    @Test
    void resolve_whenConditionTrue_expectTheOtherBranch() {
        Map<String, Object> env = functionEnvironment(Map.of("Stage", "prod", "Email", "ops@example.com"));

        assertThat(env).containsEntry("MODE", "production").containsEntry("ALARM", "on");
    }

    @Test
    void resolve_whenFindInMapHasNoEntry_expectErrorNamingTheLookup() {
        assertThatThrownBy(() -> functionEnvironment(Map.of("Stage", "test")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Fn::FindInMap")
                .hasMessageContaining("test");
    }

    @Test
    void evaluator_whenOverrideBreaksAllowedPattern_expectErrorNamingTheParameter() {
        assertThatThrownBy(() -> provisioner(Map.of("Stage", "Not Valid")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Stage")
                .hasMessageContaining("AllowedPattern");
    }

    @Test
    void evaluator_whenOverrideNamesNoParameter_expectErrorListingTheParameters() {
        assertThatThrownBy(() -> provisioner(Map.of("Stag", "local")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Stag")
                .hasMessageContaining("Threshold");
    }

    @Test
    void resolve_whenParameterWithoutValueIsUsed_expectErrorNamingIt() {
        StackProvisioner provisioner = provisioner(Map.of());

        assertThatThrownBy(() -> provisioner.evaluator().resolve(Map.of("Ref", "ArtifactsBucket")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("ArtifactsBucket")
                .hasMessageContaining("no Default");
    }

    @Test
    void resolve_whenRefNamesNothing_expectErrorNamingTheReference() {
        StackProvisioner provisioner = provisioner(Map.of());

        assertThatThrownBy(() -> provisioner.evaluator().resolve(Map.of("Fn::Sub", "${Missing.Arn}")))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Missing");
    }

    @Test
    void isActive_whenResourceConditionFalse_expectResourceLeftOut() {
        CloudFormationTemplate template = template("templates/resolver.yaml");
        StackProvisioner provisioner = ProvisionedStack.provisioner(template, Map.of(), PSEUDO, null);

        assertThat(provisioner.evaluator().isActive(template.resources().get("AlarmSubscription"))).isFalse();
        assertThat(provisioner.evaluator().isActive(template.resources().get("Queue"))).isTrue();
    }

    @Test
    void validate_whenTemplateHasUnknownTypes_expectErrorNamingEachTypeAndResource() {
        StackProvisioner provisioner = ProvisionedStack.provisioner(template("templates/unknown-types.yaml"), Map.of(),
                PSEUDO, null);

        assertThatThrownBy(provisioner::validate)
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("AWS::ElastiCache::CacheCluster=[Cache]")
                .hasMessageContaining("AWS::StepFunctions::StateMachine=[Machine]")
                .hasMessageNotContaining("AWS::SQS::Queue");
    }

    @Test
    void parse_whenTemplateDeclaresTransform_expectErrorSayingPlainCloudFormationOnly() {
        assertThatThrownBy(() -> CloudFormationTemplate.parse(
                "Transform: AWS::Serverless-2016-10-31\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("Transform");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> functionEnvironment(Map<String, String> overrides) {
        CloudFormationTemplate template = template("templates/resolver.yaml");
        StackProvisioner provisioner = ProvisionedStack.provisioner(template, overrides, PSEUDO, null);
        Object environment = template.resources().get("Function").properties().get("Environment");
        Map<String, Object> resolved = (Map<String, Object>) provisioner.evaluator().resolve(environment);
        return (Map<String, Object>) resolved.get("Variables");
    }

    private static StackProvisioner provisioner(Map<String, String> overrides) {
        return ProvisionedStack.provisioner(template("templates/resolver.yaml"), overrides, PSEUDO, null);
    }

    static CloudFormationTemplate template(String resource) {
        try (InputStream in = TemplateEvaluatorTest.class.getClassLoader().getResourceAsStream(resource)) {
            return CloudFormationTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
