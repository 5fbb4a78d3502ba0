package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.port.DeadLetterAlarms;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * One CloudWatch alarm per tenant DLQ, {@code <dlq name>-not-empty}: any visible message for a 5-minute period
 * notifies the stack's alarm topic, like the template's alarms on its own DLQs.
 */
public record CloudWatchDeadLetterAlarms(CloudWatchClient cloudWatch, String alarmTopicArn)
        implements DeadLetterAlarms {

    /** The alarm's name for a DLQ. */
    public static String alarmName(String deadLetterQueueName) {
        return deadLetterQueueName + "-not-empty";
    }

    @Override
    public void ensure(String deadLetterQueueName) {
        cloudWatch.putMetricAlarm(b -> b.alarmName(alarmName(deadLetterQueueName))
                .alarmDescription("Messages of this tenant that failed maxReceiveCount times; the consumer log has "
                        + "each reason. Fix the cause, then redrive them (tenants README, Dead letters).")
                .namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible")
                .dimensions(d -> d.name("QueueName").value(deadLetterQueueName))
                .statistic(Statistic.MAXIMUM)
                .period(300)
                .evaluationPeriods(1)
                .threshold(0.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData("notBreaching")
                .alarmActions(alarmTopicArn));
    }

    @Override
    public void remove(String deadLetterQueueName) {
        cloudWatch.deleteAlarms(b -> b.alarmNames(alarmName(deadLetterQueueName)));
    }
}
