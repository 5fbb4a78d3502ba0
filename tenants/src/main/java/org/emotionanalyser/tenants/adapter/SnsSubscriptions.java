package org.emotionanalyser.tenants.adapter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.lambdasupport.api.InvalidRequestException;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.SubscriptionFilter;
import org.emotionanalyser.tenants.domain.SubscriptionProtocol;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;
import org.emotionanalyser.tenants.port.Subscriptions;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;

/**
 * Subscriptions on SNS topics. Only subscriptions listed on the given topic are read or removed, so an id from
 * another tenant's topic is simply not found.
 */
public final class SnsSubscriptions implements Subscriptions {

    /** SNS lists a not yet confirmed subscription with this text instead of its ARN. */
    private static final String PENDING = "PendingConfirmation";

    private final SnsClient sns;

    public SnsSubscriptions(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public Subscription subscribe(String topicArn, SubscriptionRequest request) {
        Map<String, String> attributes = new HashMap<>();
        SnsFilterPolicies.toJson(request.filter()).ifPresent(policy -> {
            attributes.put("FilterPolicy", policy);
            attributes.put("FilterPolicyScope", SnsFilterPolicies.SCOPE);
        });
        SubscribeResponse response;
        try {
            response = sns.subscribe(b -> b.topicArn(topicArn)
                    .protocol(request.protocol().wireName())
                    .endpoint(request.endpoint())
                    .attributes(attributes)
                    .returnSubscriptionArn(true));
        } catch (InvalidParameterException refused) {
            throw new InvalidRequestException("SNS refused the endpoint for protocol " + request.protocol().wireName()
                    + "; check that it is reachable and, for sqs, in the same region");
        }
        String arn = response.subscriptionArn();
        boolean confirmed = !"true".equals(attributesOf(arn).get("PendingConfirmation"));
        return new Subscription(idOf(arn), request.protocol(), request.endpoint(), request.filter(), confirmed);
    }

    @Override
    public List<Subscription> list(String topicArn) {
        List<Subscription> result = new ArrayList<>();
        for (ListSubscriptionsByTopicResponse page : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn))) {
            for (var listed : page.subscriptions()) {
                Optional<SubscriptionProtocol> protocol = SubscriptionProtocol.parse(listed.protocol());
                if (protocol.isEmpty()) {
                    continue;
                }
                if (PENDING.equals(listed.subscriptionArn())) {
                    result.add(new Subscription(null, protocol.get(), listed.endpoint(), SubscriptionFilter.none(),
                            false));
                    continue;
                }
                Map<String, String> attributes = attributesOf(listed.subscriptionArn());
                result.add(new Subscription(idOf(listed.subscriptionArn()), protocol.get(), listed.endpoint(),
                        SnsFilterPolicies.fromJson(attributes.get("FilterPolicy")),
                        !"true".equals(attributes.get("PendingConfirmation"))));
            }
        }
        return result;
    }

    @Override
    public boolean unsubscribe(String topicArn, String subscriptionId) {
        for (ListSubscriptionsByTopicResponse page : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn))) {
            for (var listed : page.subscriptions()) {
                if (!PENDING.equals(listed.subscriptionArn())
                        && subscriptionId.equals(idOf(listed.subscriptionArn()))) {
                    sns.unsubscribe(b -> b.subscriptionArn(listed.subscriptionArn()));
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, String> attributesOf(String subscriptionArn) {
        try {
            return sns.getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes();
        } catch (NotFoundException removedMeanwhile) {
            return Map.of();
        }
    }

    /** The id the API shows: the ARN's last part, which SNS makes unique per subscription. */
    static String idOf(String subscriptionArn) {
        if (subscriptionArn == null || PENDING.equals(subscriptionArn)) {
            return null;
        }
        return subscriptionArn.substring(subscriptionArn.lastIndexOf(':') + 1);
    }
}
