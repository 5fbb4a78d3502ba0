package org.emotionanalyser.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployable template against the pinned AWS resource specification, and deliberately broken templates that
 * each mistake must be caught in.
 */
class TemplateSpecValidationTest {

    private static TemplateValidator validator;

    @BeforeAll
    static void loadSpecification() {
        ResourceSpecification spec = ResourceSpecification.pinned();
        assertThat(spec.resourceTypeCount()).as("resource types in the specification").isGreaterThan(1500);
        validator = new TemplateValidator(spec);
    }

    static CloudFormationTemplate deployedTemplate() {
        return CloudFormationTemplate.load(Path.of(System.getProperty("template.path", "template.yaml")));
    }

    @Test
    void validate_whenDeployedTemplate_findsNoProblem() {
        assertThat(validator.validate(deployedTemplate())).isEmpty();
    }

    @Test
    void validate_whenDeployedTemplateHasNestedTypo_reportsIt() throws Exception {
        String text = java.nio.file.Files.readString(Path.of(System.getProperty("template.path", "template.yaml")));
        CloudFormationTemplate broken = CloudFormationTemplate.parse(
                text.replaceFirst("PointInTimeRecoveryEnabled: true", "PointInTimeRecoveryEnable: true"));
        assertThat(validator.validate(broken)).singleElement().asString()
                .startsWith("Resources.TenantsTable.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnable");
    }

    /** A minimal valid function; the broken snippets below each change one thing in it. */
    private static final String VALID = """
            Parameters:
              Stage:
                Type: String
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
              Function:
                Type: AWS::Lambda::Function
                DependsOn: Role
                Properties:
                  FunctionName: !Sub 'fn-${Stage}-${AWS::Region}'
                  Runtime: java21
                  Handler: a.B::handleRequest
                  Architectures: [arm64]
                  MemorySize: 512
                  Role: !GetAtt Role.Arn
                  Code: {S3Bucket: b, S3Key: k}
                  SnapStart: {ApplyOn: PublishedVersions}
                  Environment:
                    Variables:
                      STAGE: !Ref Stage
            Outputs:
              FunctionArn:
                Value: !GetAtt Function.Arn
            """;

    private static List<String> problemsOf(String template) {
        return validator.validate(CloudFormationTemplate.parse(template));
    }

    @Test
    void validate_whenMinimalValidTemplate_findsNoProblem() {
        assertThat(problemsOf(VALID)).isEmpty();
    }

    @Test
    void validate_whenResourceTypeUnknown_reportsIt() {
        assertThat(problemsOf(VALID.replace("AWS::IAM::Role", "AWS::IAM::Rolle")))
                .anyMatch(p -> p.startsWith("Resources.Role.Type") && p.contains("unknown resource type 'AWS::IAM::Rolle'"));
    }

    @Test
    void validate_whenPropertyMisspelled_reportsUnknownProperty() {
        assertThat(problemsOf(VALID.replace("MemorySize: 512", "MemorySise: 512")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.MemorySise") && p.contains("unknown property"));
    }

    @Test
    void validate_whenNestedPropertyMisspelled_reportsUnknownProperty() {
        assertThat(problemsOf(VALID.replace("ApplyOn:", "AppliesOn:")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.SnapStart.AppliesOn"));
    }

    @Test
    void validate_whenRequiredPropertyMissing_reportsIt() {
        assertThat(problemsOf(VALID.replace("      Code: {S3Bucket: b, S3Key: k}\n", "")))
                .anyMatch(p -> p.equals("Resources.Function.Properties: missing required property 'Code'"));
    }

    @Test
    void validate_whenStringGivenForList_reportsWrongType() {
        assertThat(problemsOf(VALID.replace("Architectures: [arm64]", "Architectures: arm64")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.Architectures") && p.contains("expected a list"));
    }

    @Test
    void validate_whenTextGivenForInteger_reportsWrongType() {
        assertThat(problemsOf(VALID.replace("MemorySize: 512", "MemorySize: large")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.MemorySize") && p.contains("expected an integer"));
    }

    @Test
    void validate_whenListGivenForNestedType_reportsWrongType() {
        assertThat(problemsOf(VALID.replace("SnapStart: {ApplyOn: PublishedVersions}", "SnapStart: [PublishedVersions]")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.SnapStart") && p.contains("expected a SnapStart mapping"));
    }

    @Test
    void validate_whenMapGivenForStringDeepInside_reportsWrongType() {
        assertThat(problemsOf(VALID.replace("STAGE: !Ref Stage", "STAGE: {nested: value}")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.Environment.Variables.STAGE")
                        && p.contains("expected a string"));
    }

    @Test
    void validate_whenIntrinsicStringGivenForNestedType_reportsWrongType() {
        assertThat(problemsOf(VALID.replace("SnapStart: {ApplyOn: PublishedVersions}", "SnapStart: !Ref Stage")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.SnapStart") && p.contains("Ref returns a string"));
    }

    @Test
    void validate_whenRefTargetMissing_reportsIt() {
        assertThat(problemsOf(VALID.replace("STAGE: !Ref Stage", "STAGE: !Ref Stag")))
                .anyMatch(p -> p.contains("Ref to 'Stag'"));
    }

    @Test
    void validate_whenGetAttAttributeUnknown_reportsIt() {
        assertThat(problemsOf(VALID.replace("!GetAtt Function.Arn", "!GetAtt Function.Url")))
                .anyMatch(p -> p.startsWith("Outputs.FunctionArn") && p.contains("has no attribute 'Url'"));
    }

    @Test
    void validate_whenGetAttResourceMissing_reportsIt() {
        assertThat(problemsOf(VALID.replace("!GetAtt Role.Arn", "!GetAtt Rol.Arn")))
                .anyMatch(p -> p.contains("GetAtt of 'Rol'"));
    }

    @Test
    void validate_whenSubVariableUnknown_reportsIt() {
        assertThat(problemsOf(VALID.replace("fn-${Stage}", "fn-${Stages}")))
                .anyMatch(p -> p.startsWith("Resources.Function.Properties.FunctionName") && p.contains("Ref to 'Stages'"));
    }

    @Test
    void validate_whenSubAttributeUnknown_reportsIt() {
        assertThat(problemsOf(VALID.replace("fn-${Stage}", "fn-${Role.Name}")))
                .anyMatch(p -> p.contains("has no attribute 'Name'"));
    }

    @Test
    void validate_whenSubEscapedOrLocalVariable_acceptsIt() {
        assertThat(problemsOf(VALID.replace("!Sub 'fn-${Stage}-${AWS::Region}'",
                "!Sub ['fn-${Local}-${!Literal}', {Local: !Ref Stage}]"))).isEmpty();
    }

    @Test
    void validate_whenDependsOnMissingResource_reportsIt() {
        assertThat(problemsOf(VALID.replace("DependsOn: Role", "DependsOn: [Role, Queue]")))
                .anyMatch(p -> p.equals("Resources.Function.DependsOn: no resource named 'Queue'"));
    }

    @Test
    void validate_whenIfNamesUnknownCondition_reportsIt() {
        assertThat(problemsOf(VALID.replace("MemorySize: 512", "MemorySize: !If [IsBig, 1024, 512]")))
                .anyMatch(p -> p.contains("no condition named 'IsBig'"));
    }

    @Test
    void validate_whenIfBranchHasWrongType_reportsIt() {
        String template = VALID.replace("MemorySize: 512", "MemorySize: !If [IsBig, [1024], !Ref AWS::NoValue]")
                .replace("Resources:", "Conditions:\n  IsBig: !Equals [!Ref Stage, prod]\nResources:");
        assertThat(problemsOf(template))
                .containsExactly("Resources.Function.Properties.MemorySize(Fn::If branch 1): expected an integer, got a list");
    }

    @Test
    void validate_whenUnknownResourceAttribute_reportsIt() {
        assertThat(problemsOf(VALID.replace("    DependsOn: Role", "    DependOn: Role")))
                .anyMatch(p -> p.startsWith("Resources.Function: unknown resource attribute 'DependOn'"));
    }
}
