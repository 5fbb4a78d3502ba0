package org.emotionanalyser.tenants.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.SubscriptionFilter;
import org.emotionanalyser.tenants.domain.SubscriptionProtocol;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

class SnsSubscriptionsTest {

    private static final String TOPIC_A = "arn:aws:sns:eu-west-1:123456789012:p-tenant-tenant-a";
    private static final String TOPIC_B = "arn:aws:sns:eu-west-1:123456789012:p-tenant-tenant-b";

    private RecordingMessagingServer aws;
    private SnsSubscriptions subscriptions;

    @BeforeEach
    void setUp() {
        aws = new RecordingMessagingServer();
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", aws.endpoint(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        subscriptions = new SnsSubscriptions(settings.build(SnsClient.builder(), Duration.ofSeconds(10)));
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void subscribe_whenFiltered_sendsFilterPolicyOnMessageAttributesAndListsItBack() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(Emotion.HAPPY), true, 2);

        Subscription created = subscriptions.subscribe(TOPIC_A, new SubscriptionRequest(SubscriptionProtocol.HTTPS,
                "https://hooks.example.com/x", filter));

        Map<String, String> sent = aws.subscriptions.values().iterator().next();
        assertThat(sent).containsEntry("Protocol", "https").containsEntry("ReturnSubscriptionArn", "true")
                .containsValue("FilterPolicy").containsValue("MessageAttributes")
                .containsValue("{\"emotion\":[\"HAPPY\"],\"celebrity\":[{\"exists\":true}],"
                        + "\"faceCount\":[{\"numeric\":[\">=\",2]}]}");
        assertThat(created.subscriptionId()).isEqualTo("00000000-0000-4000-8000-000000000001");
        assertThat(created.confirmed()).isFalse();
        assertThat(subscriptions.list(TOPIC_A)).singleElement().satisfies(listed -> {
            assertThat(listed.filter()).isEqualTo(filter);
            assertThat(listed.endpoint()).isEqualTo("https://hooks.example.com/x");
        });
    }

    @Test
    void subscribe_whenUnfiltered_sendsNoFilterPolicy() {
        subscriptions.subscribe(TOPIC_A, new SubscriptionRequest(SubscriptionProtocol.EMAIL, "ops@example.com", null));

        assertThat(aws.subscriptions.values().iterator().next()).doesNotContainValue("FilterPolicy");
    }

    @Test
    void unsubscribe_whenIdIsOnAnotherTopic_returnsFalseAndKeepsIt() {
        Subscription ofB = subscriptions.subscribe(TOPIC_B,
                new SubscriptionRequest(SubscriptionProtocol.EMAIL, "b@example.com", null));

        assertThat(subscriptions.unsubscribe(TOPIC_A, ofB.subscriptionId())).isFalse();
        assertThat(aws.subscriptions).hasSize(1);
        assertThat(aws.operations()).doesNotContain("SNS.Unsubscribe");

        assertThat(subscriptions.unsubscribe(TOPIC_B, ofB.subscriptionId())).isTrue();
        assertThat(aws.subscriptions).isEmpty();
    }

    @Test
    void list_whenTopicsHaveSubscriptions_returnsOnlyThoseOfTheTopic() {
        subscriptions.subscribe(TOPIC_A, new SubscriptionRequest(SubscriptionProtocol.EMAIL, "a@example.com", null));
        subscriptions.subscribe(TOPIC_B, new SubscriptionRequest(SubscriptionProtocol.EMAIL, "b@example.com", null));

        assertThat(subscriptions.list(TOPIC_A)).extracting(Subscription::endpoint).containsExactly("a@example.com");
    }
}
