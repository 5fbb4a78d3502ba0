package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.port.DeadLetterAlarms;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.router.domain.EventContract;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.ProvisionedResources;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.router.domain.TenantResourceNames;
import org.emotionanalyser.tenants.port.TenantResources;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Provisions a tenant's resources with SQS, EventBridge, SNS and Lambda. Each step looks up what exists before it
 * creates, and updates existing resources to the wanted settings, so a retry after a failure part-way finishes
 * the tenant instead of failing on "already exists".
 *
 * @param alarms the alarm created on each tenant DLQ as it is created
 */
public record AwsTenantResources(SqsClient sqs, EventBridgeClient eventBridge, SnsClient sns, LambdaClient lambda,
                                 String eventBusName, String consumerFunctionArn, int maxReceiveCount,
                                 DeadLetterAlarms alarms) implements TenantResources {

    /** The consumer handles at most this many messages per invocation. */
    static final int BATCH_SIZE = 10;
    /**
     * How long Lambda gathers a tenant's messages into one batch (MaximumBatchingWindowInSeconds; 0 hands over each
     * message as soon as a poller has it). Under a steady stream of uploads the consumer then runs once per second
     * with up to ten images instead of once per image - fewer invocations, receives and deletes - for at most one
     * second more between analysis and notification. A full batch goes at once.
     */
    static final int BATCHING_WINDOW_SECONDS = 1;
    /**
     * Concurrent consumer invocations one tenant's queue may drive (an SQS mapping's MaximumConcurrency, 2 to
     * 1000). Without it, one tenant's backlog scales the shared consumer up to the account's concurrency and the
     * other tenants' messages wait; with 5 (50 messages in flight at batch size 10) a burst of one tenant drains
     * steadily while 20 tenants bursting at once still fit in the default 1,000.
     */
    static final int MAX_CONCURRENCY_PER_TENANT = 5;
    /**
     * Lambda refuses a mapping whose queue's visibility timeout is shorter than the function timeout, and AWS
     * advises six times the function timeout; this allows a consumer timeout of up to 30 s.
     */
    static final String VISIBILITY_TIMEOUT_SECONDS = "180";
    /** Keep dead letters for the SQS maximum, 14 days, so there is time to look at them. */
    static final String DEAD_LETTER_RETENTION_SECONDS = "1209600";
    static final String TARGET_ID = "tenant-queue";

    private static final ObjectMapper MAPPER = EventJson.mapper();

    /** EventBridge's own default (185 attempts over 24 h) made explicit: a queue outage of hours loses nothing. */
    static final int TARGET_RETRY_ATTEMPTS = 185;
    static final int TARGET_MAX_EVENT_AGE_SECONDS = 86_400;

    public AwsTenantResources(SqsClient sqs, EventBridgeClient eventBridge, SnsClient sns, LambdaClient lambda,
                              String eventBusName, String consumerFunctionArn, int maxReceiveCount) {
        this(sqs, eventBridge, sns, lambda, eventBusName, consumerFunctionArn, maxReceiveCount,
                DeadLetterAlarms.NONE);
    }

    @Override
    public ProvisionedResources provision(TenantResourceNames names) {
        try {
            String dlqUrl = ensureQueue(names.deadLetterQueueName(), Map.of(
                    QueueAttributeName.MESSAGE_RETENTION_PERIOD, DEAD_LETTER_RETENTION_SECONDS));
            String dlqArn = queueArn(dlqUrl);
            alarms.ensure(names.deadLetterQueueName());

            String ruleArn = eventBridge.putRule(b -> b.name(names.ruleName())
                    .eventBusName(eventBusName)
                    .eventPattern(EventContract.tenantEventPattern(names.tenantId()))
                    .state(RuleState.ENABLED)
                    .description("Routes tenant " + names.tenantId() + "'s analysis events to its queue")).ruleArn();

            String queueUrl = ensureQueue(names.queueName(), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, VISIBILITY_TIMEOUT_SECONDS,
                    QueueAttributeName.REDRIVE_POLICY, redrivePolicy(dlqArn)));
            String queueArn = queueArn(queueUrl);
            sqs.setQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributes(Map.of(QueueAttributeName.POLICY, queuePolicy(queueArn, ruleArn))));

            // Events EventBridge cannot deliver (queue gone, policy wrong) land in the tenant's DLQ, not nowhere.
            sqs.setQueueAttributes(b -> b.queueUrl(dlqUrl)
                    .attributes(Map.of(QueueAttributeName.POLICY, queuePolicy(dlqArn, ruleArn))));
            PutTargetsResponse targets = eventBridge.putTargets(b -> b.rule(names.ruleName())
                    .eventBusName(eventBusName)
                    .targets(Target.builder().id(TARGET_ID).arn(queueArn)
                            .deadLetterConfig(dead -> dead.arn(dlqArn))
                            .retryPolicy(retry -> retry.maximumRetryAttempts(TARGET_RETRY_ATTEMPTS)
                                    .maximumEventAgeInSeconds(TARGET_MAX_EVENT_AGE_SECONDS))
                            .build()));
            if (targets.failedEntryCount() != null && targets.failedEntryCount() > 0) {
                throw new ProvisioningFailedException("the tenant rule's queue target was refused ("
                        + targets.failedEntries().get(0).errorCode() + "); repeat the request to retry", null);
            }

            String topicArn = sns.createTopic(b -> b.name(names.topicName())).topicArn();
            String mappingId = ensureMapping(queueArn);
            return new ProvisionedResources(queueUrl, queueArn, dlqUrl, dlqArn, names.ruleName(), ruleArn, topicArn,
                    mappingId);
        } catch (SdkException e) {
            throw new ProvisioningFailedException("creating the tenant's queue, DLQ alarm, rule, topic or mapping failed ("
                    + e.getClass().getSimpleName() + "); repeat the same request to finish", e);
        }
    }

    @Override
    public void teardown(TenantResourceNames names) {
        try {
            Optional<String> queueUrl = queueUrl(names.queueName());
            if (queueUrl.isPresent()) {
                String queueArn = queueArn(queueUrl.get());
                for (EventSourceMappingConfiguration mapping : mappings(queueArn)) {
                    lambda.deleteEventSourceMapping(b -> b.uuid(mapping.uuid()));
                }
            }
            if (ruleExists(names.ruleName())) {
                eventBridge.removeTargets(b -> b.rule(names.ruleName()).eventBusName(eventBusName).ids(TARGET_ID));
                eventBridge.deleteRule(b -> b.name(names.ruleName()).eventBusName(eventBusName));
            }
            queueUrl.ifPresent(url -> sqs.deleteQueue(b -> b.queueUrl(url)));
            queueUrl(names.deadLetterQueueName()).ifPresent(url -> sqs.deleteQueue(b -> b.queueUrl(url)));
            alarms.remove(names.deadLetterQueueName());
            // CreateTopic returns the existing topic's ARN; it is the one lookup by name SNS offers.
            String topicArn = sns.createTopic(b -> b.name(names.topicName())).topicArn();
            sns.deleteTopic(b -> b.topicArn(topicArn));
        } catch (SdkException e) {
            throw new ProvisioningFailedException("removing the tenant's queue, rule, topic or mapping failed ("
                    + e.getClass().getSimpleName() + "); repeat the delete to finish", e);
        }
    }

    private String ensureQueue(String name, Map<QueueAttributeName, String> attributes) {
        Optional<String> existing = queueUrl(name);
        if (existing.isPresent()) {
            sqs.setQueueAttributes(b -> b.queueUrl(existing.get()).attributes(attributes));
            return existing.get();
        }
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private Optional<String> queueUrl(String name) {
        try {
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException absent) {
            return Optional.empty();
        }
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private boolean ruleExists(String ruleName) {
        try {
            eventBridge.describeRule(b -> b.name(ruleName).eventBusName(eventBusName));
            return true;
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException absent) {
            return false;
        }
    }

    private String ensureMapping(String queueArn) {
        Optional<EventSourceMappingConfiguration> existing = mappings(queueArn).stream().findFirst();
        if (existing.isEmpty()) {
            return lambda.createEventSourceMapping(b -> b.functionName(consumerFunctionArn)
                    .eventSourceArn(queueArn)
                    .batchSize(BATCH_SIZE)
                    .maximumBatchingWindowInSeconds(BATCHING_WINDOW_SECONDS)
                    .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                    .scalingConfig(scaling -> scaling.maximumConcurrency(MAX_CONCURRENCY_PER_TENANT))
                    .enabled(true)).uuid();
        }
        EventSourceMappingConfiguration mapping = existing.get();
        // A mapping made before the batching window existed gets it when its tenant is provisioned again.
        if (!Integer.valueOf(BATCHING_WINDOW_SECONDS).equals(mapping.maximumBatchingWindowInSeconds())) {
            lambda.updateEventSourceMapping(b -> b.uuid(mapping.uuid())
                    .maximumBatchingWindowInSeconds(BATCHING_WINDOW_SECONDS));
        }
        return mapping.uuid();
    }

    private java.util.List<EventSourceMappingConfiguration> mappings(String queueArn) {
        return lambda.listEventSourceMappingsPaginator(b -> b.functionName(consumerFunctionArn)
                        .eventSourceArn(queueArn))
                .eventSourceMappings().stream().toList();
    }

    String redrivePolicy(String deadLetterQueueArn) {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("deadLetterTargetArn", deadLetterQueueArn);
        policy.put("maxReceiveCount", maxReceiveCount);
        return policy.toString();
    }

    /** Lets only this tenant's rule send to the queue. */
    static String queuePolicy(String queueArn, String ruleArn) {
        ObjectNode policy = MAPPER.createObjectNode();
        policy.put("Version", "2012-10-17");
        ObjectNode statement = policy.putArray("Statement").addObject();
        statement.put("Sid", "AllowTenantRule");
        statement.put("Effect", "Allow");
        statement.putObject("Principal").put("Service", "events.amazonaws.com");
        statement.put("Action", "sqs:SendMessage");
        statement.put("Resource", queueArn);
        statement.putObject("Condition").putObject("ArnEquals").put("aws:SourceArn", ruleArn);
        return policy.toString();
    }
}
