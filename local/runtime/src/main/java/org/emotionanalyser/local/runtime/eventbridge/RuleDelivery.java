package org.emotionanalyser.local.runtime.eventbridge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.sqs.SqsDelivery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Delivers a matched event to a rule's targets: SQS queues only, each target's input shaped by its
 * Input/InputPath/InputTransformer. As on AWS, a failed delivery does not fail PutEvents; it is logged.
 */
final class RuleDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(RuleDelivery.class);

    private final SqsDelivery sqs;
    private final String region;
    private final String accountId;

    RuleDelivery(SqsDelivery sqs, String region, String accountId) {
        this.sqs = sqs;
        this.region = region;
        this.accountId = accountId;
    }

    void deliver(EventBridgeRule rule, ObjectNode event) {
        for (RuleTarget target : rule.targets().values()) {
            String payload = target.payloadFor(event, rule.name(), rule.arn(region, accountId));
            if (!target.arn().startsWith("arn:aws:sqs:")) {
                LOG.warn("local EventBridge: rule " + rule.name() + " target " + target.id()
                        + " is not an SQS queue (" + target.arn() + "); local mode delivers only to SQS targets");
                continue;
            }
            try {
                sqs.send(target.arn(), payload, Map.of());
            } catch (RuntimeException e) {
                LOG.warn("local EventBridge: delivery of rule " + rule.name() + " to " + target.arn()
                        + " failed: " + e.getMessage());
            }
        }
    }
}
