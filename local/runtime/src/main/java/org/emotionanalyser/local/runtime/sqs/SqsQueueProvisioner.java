package org.emotionanalyser.local.runtime.sqs;

import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.json;

/** {@code AWS::SQS::Queue}: creates the queue in ElasticMQ with its attributes and redrive policy. */
public final class SqsQueueProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(SqsQueueProvisioner.class);
    private static final String QUEUE = "AWS::SQS::Queue";
    private static final List<String> ATTRIBUTES = List.of("VisibilityTimeout", "MessageRetentionPeriod",
            "DelaySeconds", "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue",
            "ContentBasedDeduplication");

    private final SqsClient sqs;
    private final Map<String, String> queueUrls = new HashMap<>();

    /** @param sqs a client against the local edge; {@code null} when nothing is provisioned */
    public SqsQueueProvisioner(SqsClient sqs) {
        this.sqs = sqs;
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        List<String> used = new ArrayList<>(ATTRIBUTES);
        used.add("RedrivePolicy");
        return Map.of(QUEUE, List.copyOf(used));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return QUEUE.equals(r.type()) ? queueUrl(r, stack) : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        if (!QUEUE.equals(r.type())) {
            return null;
        }
        return switch (attribute) {
            case "Arn" -> stack.arn("sqs", queueName(r, stack));
            case "QueueName" -> queueName(r, stack);
            case "QueueUrl" -> queueUrl(r, stack);
            default -> null;
        };
    }

    private static String queueName(TemplateResource r, StackContext stack) {
        String name = stack.name(r, "QueueName");
        boolean fifo = Boolean.parseBoolean(String.valueOf(stack.evaluator().resolve(r.properties().get("FifoQueue"))));
        return fifo && !name.endsWith(".fifo") ? name + ".fifo" : name;
    }

    /** A queue's URL only exists once the queue does. */
    private String queueUrl(TemplateResource r, StackContext stack) {
        stack.ensure(r.logicalId());
        String url = queueUrls.get(r.logicalId());
        if (url == null) {
            url = sqs.getQueueUrl(b -> b.queueName(queueName(r, stack))).queueUrl();
            queueUrls.put(r.logicalId(), url);
        }
        return url;
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String name = queueName(r, stack);
        try {
            queueUrls.put(r.logicalId(), sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
            LOG.info("queue {} exists", name);
            return;
        } catch (QueueDoesNotExistException e) {
            // create it below
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : ATTRIBUTES) {
            if (p.containsKey(attribute)) {
                attributes.put(attribute, String.valueOf(p.get(attribute)));
            }
        }
        if (p.containsKey("RedrivePolicy")) {
            attributes.put("RedrivePolicy", json(p.get("RedrivePolicy")));
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        queueUrls.put(r.logicalId(), url);
        LOG.info("queue {} created", name);
    }
}
