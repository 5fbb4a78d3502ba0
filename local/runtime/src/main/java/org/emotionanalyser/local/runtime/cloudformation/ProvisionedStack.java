package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.local.runtime.apigateway.ApiDefinition;
import org.emotionanalyser.local.runtime.lambda.AsyncInvokeConfig;
import org.emotionanalyser.local.runtime.lambda.EventSourceMappingDefinition;
import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.local.runtime.s3.BucketNotification;
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

    /** The function name inside a function ARN ({@code arn:aws:lambda:r:a:function:NAME[:qualifier]}), or the input. */
    public static String functionName(String nameOrArn) {
        int at = nameOrArn.indexOf(":function:");
        if (at < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(at + ":function:".length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }
}
