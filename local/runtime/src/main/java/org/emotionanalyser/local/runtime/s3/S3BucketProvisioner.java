package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.cloudformation.PseudoParameters;
import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;

/**
 * {@code AWS::S3::Bucket}: creates the bucket in the local S3 server and collects its Lambda notification
 * configurations for {@link S3NotificationDispatcher}.
 */
public final class S3BucketProvisioner implements ResourceProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(S3BucketProvisioner.class);
    private static final String BUCKET = "AWS::S3::Bucket";

    private final S3Client s3;
    private final List<BucketNotification> notifications = new ArrayList<>();

    /** @param s3 a client against the local edge; {@code null} when nothing is provisioned */
    public S3BucketProvisioner(S3Client s3) {
        this.s3 = s3;
    }

    /** The bucket notifications of every provisioned bucket. */
    public List<BucketNotification> notifications() {
        return List.copyOf(notifications);
    }

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(BUCKET, List.of("NotificationConfiguration"));
    }

    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return BUCKET.equals(r.type()) ? bucketName(r, stack) : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        if (!BUCKET.equals(r.type())) {
            return null;
        }
        return switch (attribute) {
            case "Arn" -> "arn:" + PseudoParameters.PARTITION + ":s3:::" + bucketName(r, stack);
            case "DomainName", "RegionalDomainName" ->
                    bucketName(r, stack) + ".s3." + stack.pseudo().region() + "." + PseudoParameters.URL_SUFFIX;
            default -> null;
        };
    }

    private static String bucketName(TemplateResource r, StackContext stack) {
        if (r.properties().get("BucketName") != null) {
            return stack.name(r, "BucketName");
        }
        String base = r.logicalId().endsWith("Bucket")
                ? r.logicalId().substring(0, r.logicalId().length() - "Bucket".length()) : r.logicalId();
        return (stack.pseudo().stackName() + "-" + base).toLowerCase(Locale.ROOT);
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String bucket = bucketName(r, stack);
        try {
            s3.headBucket(b -> b.bucket(bucket));
            LOG.info("bucket {} exists", bucket);
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
            LOG.info("bucket {} created", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
            LOG.info("bucket {} created", bucket);
        }
        Map<String, Object> notification = map(p.get("NotificationConfiguration"));
        for (String unsupported : List.of("QueueConfigurations", "TopicConfigurations", "EventBridgeConfiguration")) {
            if (notification.containsKey(unsupported)) {
                throw new TemplateException(r.logicalId() + ".NotificationConfiguration." + unsupported
                        + " is not supported locally; only LambdaConfigurations are delivered");
            }
        }
        for (Object item : list(notification.get("LambdaConfigurations"))) {
            Map<String, Object> config = map(item);
            String prefix = "";
            String suffix = "";
            for (Object rule : list(map(map(config.get("Filter")).get("S3Key")).get("Rules"))) {
                Map<String, Object> filter = map(rule);
                String filterName = String.valueOf(filter.get("Name")).toLowerCase(Locale.ROOT);
                if (filterName.equals("prefix")) {
                    prefix = String.valueOf(filter.get("Value"));
                } else if (filterName.equals("suffix")) {
                    suffix = String.valueOf(filter.get("Value"));
                }
            }
            notifications.add(new BucketNotification(bucket, String.valueOf(config.get("Event")), prefix, suffix,
                    String.valueOf(config.get("Function"))));
        }
    }
}
