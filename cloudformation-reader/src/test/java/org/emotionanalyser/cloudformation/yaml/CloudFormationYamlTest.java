package org.emotionanalyser.cloudformation.yaml;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudFormationYamlTest {

    @Test
    void parse_whenShortFormTags_givesTheLongForms() {
        Map<String, Object> document = CloudFormationYaml.parse("""
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub "${AWS::StackName}-jobs"
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt DeadLetters.Arn
                      Tags:
                        - Key: bucket
                          Value: !Ref Bucket
                      DelaySeconds: !If [Slow, !Select [0, [5]], 0]
                """);

        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                document.get("Resources")).get("Queue")).get("Properties");
        assertThat(properties.get("QueueName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-jobs"));
        assertThat(properties.get("RedrivePolicy"))
                .isEqualTo(Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt", List.of("DeadLetters", "Arn"))));
        assertThat(properties.get("Tags")).isEqualTo(List.of(Map.of("Key", "bucket", "Value", Map.of("Ref", "Bucket"))));
        assertThat(properties.get("DelaySeconds"))
                .isEqualTo(Map.of("Fn::If", List.of("Slow", Map.of("Fn::Select", List.of(0, List.of(5))), 0)));
    }

    @Test
    void parse_whenKeyRepeated_rejectsTheTemplate() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("""
                Resources:
                  Bucket:
                    Type: AWS::S3::Bucket
                  Bucket:
                    Type: AWS::SQS::Queue
                """))
                .isInstanceOf(YAMLException.class)
                .hasMessageContaining("Bucket");
    }

    @Test
    void parse_whenFormatVersionDate_keepsItAsText() {
        assertThat(CloudFormationYaml.parse("AWSTemplateFormatVersion: 2010-09-09\n"))
                .containsEntry("AWSTemplateFormatVersion", "2010-09-09");
    }

    @Test
    void parse_whenDocumentIsAList_namesTheExpectedShape() {
        assertThatThrownBy(() -> CloudFormationYaml.parse("- Resources\n"))
                .isInstanceOf(CloudFormationYaml.NotAMappingException.class)
                .hasMessageContaining("AWSTemplateFormatVersion and Resources");
    }
}
