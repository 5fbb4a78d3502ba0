package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.apigateway.ApiDefinition;
import org.emotionanalyser.local.runtime.apigateway.ApiGatewayProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.CloudFormationTemplate;
import org.emotionanalyser.local.runtime.cloudformation.PseudoParameters;
import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackProvisioner;
import org.emotionanalyser.local.runtime.dynamodb.DynamoDbTableProvisioner;
import org.emotionanalyser.local.runtime.eventbridge.EventBridgeProvisioner;
import org.emotionanalyser.local.runtime.lambda.AsyncInvokeConfig;
import org.emotionanalyser.local.runtime.lambda.EventSourceMappingDefinition;
import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.local.runtime.lambda.LambdaProvisioner;
import org.emotionanalyser.local.runtime.s3.BucketNotification;
import org.emotionanalyser.local.runtime.s3.S3BucketProvisioner;
import org.emotionanalyser.local.runtime.sns.SnsProvisioner;
import org.emotionanalyser.local.runtime.sqs.SqsQueueProvisioner;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What provisioning created and what the runtime must wire: functions, bucket notifications, event source
 * mappings, asynchronous invocation settings and the REST API.
 */
public record ProvisionedStack(List<FunctionDefinition> functions,
                               List<BucketNotification> bucketNotifications,
                               List<EventSourceMappingDefinition> eventSourceMappings,
                               Map<String, AsyncInvokeConfig> asyncConfigs,
                               Optional<ApiDefinition> api,
                               Map<String, Object> parameters) {

    /**
     * Creates the template's resources in the local services, each service's types by that service's provisioner,
     * and collects the wiring.
     */
    public static ProvisionedStack provision(CloudFormationTemplate template, Map<String, String> overrides,
                                             PseudoParameters pseudo, LocalAwsClients clients) {
        Provisioners provisioners = new Provisioners(clients);
        Map<String, Object> parameters = provisioners.stack(template, overrides, pseudo).provision();
        return new ProvisionedStack(provisioners.lambda.functions(), provisioners.s3.notifications(),
                provisioners.lambda.eventSourceMappings(), provisioners.lambda.asyncConfigs(),
                provisioners.apiGateway.api(), parameters);
    }

    /**
     * A provisioner of the template with every service's resource provisioner, for validation and evaluation.
     *
     * @param clients {@code null} when nothing is to be created
     */
    public static StackProvisioner provisioner(CloudFormationTemplate template, Map<String, String> overrides,
                                               PseudoParameters pseudo, LocalAwsClients clients) {
        return new Provisioners(clients).stack(template, overrides, pseudo);
    }

    /** One provisioner per service package; a service's provisioner is the only code that creates its types. */
    private static final class Provisioners {
        private final S3BucketProvisioner s3;
        private final LambdaProvisioner lambda = new LambdaProvisioner();
        private final ApiGatewayProvisioner apiGateway = new ApiGatewayProvisioner();
        private final List<ResourceProvisioner> all;

        Provisioners(LocalAwsClients clients) {
            this.s3 = new S3BucketProvisioner(clients == null ? null : clients.s3());
            this.all = List.of(s3,
                    new DynamoDbTableProvisioner(clients == null ? null : clients.dynamoDb()),
                    new SqsQueueProvisioner(clients == null ? null : clients.sqs()),
                    new SnsProvisioner(clients == null ? null : clients.sns()),
                    new EventBridgeProvisioner(clients == null ? null : clients.eventBridge()),
                    lambda, apiGateway);
        }

        StackProvisioner stack(CloudFormationTemplate template, Map<String, String> overrides,
                               PseudoParameters pseudo) {
            return new StackProvisioner(template, overrides, pseudo, all);
        }
    }
}
