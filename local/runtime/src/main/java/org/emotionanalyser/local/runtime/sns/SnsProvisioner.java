package org.emotionanalyser.local.runtime.sns;

import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.json;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;

/** {@code AWS::SNS::Topic} (with inline subscriptions) and {@code AWS::SNS::Subscription} in local SNS. */
public final class SnsProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(SnsProvisioner.class);
    private static final String TOPIC = "AWS::SNS::Topic";
    private static final String SUBSCRIPTION = "AWS::SNS::Subscription";

    private final SnsClient sns;

    /** @param sns a client against the local edge; {@code null} when nothing is provisioned */
    public SnsProvisioner(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(TOPIC, List.of("Subscription"),
                SUBSCRIPTION, List.of("TopicArn", "Protocol", "Endpoint", "FilterPolicy", "RawMessageDelivery"));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return TOPIC.equals(r.type()) ? topicArn(r, stack) : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        if (!TOPIC.equals(r.type())) {
            return null;
        }
        return switch (attribute) {
            case "TopicArn" -> topicArn(r, stack);
            case "TopicName" -> stack.name(r, "TopicName");
            default -> null;
        };
    }

    private static String topicArn(TemplateResource r, StackContext stack) {
        return "arn:aws:sns:" + stack.pseudo().region() + ":" + stack.pseudo().accountId() + ":"
                + stack.name(r, "TopicName");
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        if (TOPIC.equals(r.type())) {
            createTopic(r, p, stack);
        } else {
            subscribe(p);
        }
    }

    private void createTopic(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String name = stack.name(r, "TopicName");
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        LOG.info("topic {} ready", arn);
        for (Object item : list(p.get("Subscription"))) {
            Map<String, Object> s = map(item);
            sns.subscribe(b -> b.topicArn(arn).protocol(str(s.get("Protocol")))
                    .endpoint(str(s.get("Endpoint"))).returnSubscriptionArn(true));
        }
    }

    private void subscribe(Map<String, Object> p) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (p.containsKey("FilterPolicy")) {
            attributes.put("FilterPolicy", json(p.get("FilterPolicy")));
        }
        if (p.containsKey("RawMessageDelivery")) {
            attributes.put("RawMessageDelivery", String.valueOf(p.get("RawMessageDelivery")));
        }
        sns.subscribe(b -> b.topicArn(str(p.get("TopicArn"))).protocol(str(p.get("Protocol")))
                .endpoint(str(p.get("Endpoint"))).attributes(attributes).returnSubscriptionArn(true));
    }
}
