package org.emotionanalyser.local.runtime.sqs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueuePolicyTest {

    private static final String QUEUE = "arn:aws:sqs:eu-west-1:000000000000:subscriber";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:000000000000:emotion-analyser-local-tenant-acme";
    private static final String SNS = "sns.amazonaws.com";

    @Test
    void allowsSendMessage_whenTheQueueHasNoPolicy_refusesAsSqsDoes() {
        assertThat(QueuePolicy.parse(null).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
        assertThat(QueuePolicy.parse("not json").allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
    }

    @Test
    void allowsSendMessage_whenThePolicyAllowsSnsForThatTopic_allowsOnlyThatTopic() {
        QueuePolicy policy = QueuePolicy.parse(QueueAccess.topicPolicy(QUEUE, TOPIC));

        assertThat(policy.allowsSendMessage(SNS, QUEUE, TOPIC)).isTrue();
        assertThat(policy.allowsSendMessage(SNS, QUEUE, TOPIC + "-other")).isFalse();
        assertThat(policy.allowsSendMessage("events.amazonaws.com", QUEUE, TOPIC)).isFalse();
        assertThat(policy.allowsSendMessage(SNS, QUEUE + "-2", TOPIC)).isFalse();
    }

    @Test
    void wildcard_whenThePatternHasStarsAndQuestionMarks_matchesAsIamDoes() {
        assertThat(QueuePolicy.wildcard("arn:aws:sns:*", TOPIC, false)).isTrue();
        assertThat(QueuePolicy.wildcard("arn:aws:sns:*:*:emotion-*-acme", TOPIC, false)).isTrue();
        assertThat(QueuePolicy.wildcard("arn:aws:sns:eu-west-?:*", TOPIC, false)).isTrue();
        assertThat(QueuePolicy.wildcard("arn:aws:sns:eu-west-?", TOPIC, false)).isFalse();
        assertThat(QueuePolicy.wildcard("arn:aws:sns:*-globex", TOPIC, false)).isFalse();
        assertThat(QueuePolicy.wildcard("*a*a*a", "aaa", false)).isTrue();
        assertThat(QueuePolicy.wildcard("a.c", "abc", false)).as("only * and ? are special").isFalse();
        assertThat(QueuePolicy.wildcard("SQS:Send*", "sqs:sendmessage", true)).isTrue();
        assertThat(QueuePolicy.wildcard("SQS:Send*", "sqs:sendmessage", false)).isFalse();
        assertThat(QueuePolicy.wildcard("", "", false)).isTrue();
        assertThat(QueuePolicy.wildcard("*", "", false)).isTrue();
    }

    @Test
    void allowsSendMessage_whenADenyMatches_refusesDespiteAnAllow() {
        String policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\","
                + "\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},"
                + "\"Action\":[\"sqs:SendMessage\"],\"Resource\":\"" + QUEUE + "\"}]}";

        assertThat(QueuePolicy.parse(policy).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
    }

    @Test
    void allowsSendMessage_whenAConditionIsNotUnderstood_failsClosed() {
        String policy = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"sns.amazonaws.com\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + QUEUE + "\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}}";

        assertThat(QueuePolicy.parse(policy).allowsSendMessage(SNS, QUEUE, TOPIC)).isFalse();
    }
}
