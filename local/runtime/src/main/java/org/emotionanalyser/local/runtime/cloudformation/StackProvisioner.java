package org.emotionanalyser.local.runtime.cloudformation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Creates a template's resources in the local services, in dependency order, resolving {@code Ref},
 * {@code Fn::GetAtt} and {@code Fn::Sub} on the way. The creation itself belongs to each service's
 * {@link ResourceProvisioner}; this class only orders and resolves. Re-running it on the same data is harmless:
 * what exists is left as it is.
 *
 * <p>Every resource type is either created by a provisioner or on an explicit list of types without local
 * behaviour (IAM, logs, alarms, permissions, deployments...). Any other type fails provisioning, naming it, so a
 * template change cannot silently do nothing locally.
 */
public final class StackProvisioner implements ResourceAttributes, StackContext {

    private static final Logger LOG = LoggerFactory.getLogger(StackProvisioner.class);

    /** Types that exist only for the cloud (permissions, logging, monitoring, deployments); skipped locally. */
    public static final Set<String> TYPES_WITHOUT_LOCAL_BEHAVIOUR = Set.of(
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile",
            "AWS::Logs::LogGroup", "AWS::Logs::MetricFilter", "AWS::Logs::SubscriptionFilter",
            "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::Dashboard",
            "AWS::Lambda::Permission", "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::Url",
            "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Account",
            "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Model",
            "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy",
            "AWS::Events::EventBusPolicy", "AWS::Events::Archive", "AWS::KMS::Key", "AWS::KMS::Alias",
            "AWS::SSM::Parameter", "AWS::SecretsManager::Secret",
            // The mood monitor page's hosting on AWS; local mode serves the page itself.
            "AWS::CloudFront::Distribution", "AWS::CloudFront::OriginAccessControl");

    private final CloudFormationTemplate template;
    private final PseudoParameters pseudo;
    private final TemplateEvaluator evaluator;
    private final List<ResourceProvisioner> provisioners;
    /** Resource type to the provisioner that creates it. */
    private final Map<String, ResourceProvisioner> byType = new LinkedHashMap<>();

    private final Set<String> done = new HashSet<>();
    private final Set<String> inProgress = new LinkedHashSet<>();

    /**
     * @param overrides    parameter values replacing defaults
     * @param provisioners one per service; their clients may be {@code null} when only {@link #validate()} and
     *                     the {@link #evaluator()} are used
     */
    public StackProvisioner(CloudFormationTemplate template, Map<String, String> overrides, PseudoParameters pseudo,
                            List<ResourceProvisioner> provisioners) {
        this.template = template;
        this.pseudo = pseudo;
        this.provisioners = List.copyOf(provisioners);
        for (ResourceProvisioner provisioner : this.provisioners) {
            provisioner.propertiesUsed().keySet().forEach(type -> {
                if (byType.putIfAbsent(type, provisioner) != null) {
                    throw new IllegalArgumentException("two provisioners create " + type);
                }
            });
        }
        this.evaluator = new TemplateEvaluator(template, overrides, pseudo, this);
    }

    /** The evaluator bound to this stack, for resolving template values. */
    @Override
    public TemplateEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public PseudoParameters pseudo() {
        return pseudo;
    }

    /**
     * Checks every resource type is one local mode knows.
     *
     * @throws TemplateException naming each unknown type and the resources that use it
     */
    public void validate() {
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        for (TemplateResource resource : template.resources().values()) {
            String type = resource.type();
            if (!byType.containsKey(type) && !TYPES_WITHOUT_LOCAL_BEHAVIOUR.contains(type)) {
                unknown.computeIfAbsent(type, t -> new ArrayList<>()).add(resource.logicalId());
            }
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException("local mode does not know the resource type(s) " + unknown
                    + "; teach the ResourceProvisioner of the service's package (for example "
                    + "org.emotionanalyser.local.runtime.sqs.SqsQueueProvisioner) to create them, or add them to "
                    + "StackProvisioner.TYPES_WITHOUT_LOCAL_BEHAVIOUR if they have no local behaviour");
        }
    }

    /**
     * Creates whatever does not exist yet; the provisioners hold the wiring that results.
     *
     * @return the stack's parameter values, as resolved
     */
    public Map<String, Object> provision() {
        validate();
        List<String> skipped = new ArrayList<>();
        for (TemplateResource resource : template.resources().values()) {
            if (!evaluator.isActive(resource)) {
                LOG.info("{} skipped: its condition {} is false", resource.logicalId(), resource.condition());
            } else if (TYPES_WITHOUT_LOCAL_BEHAVIOUR.contains(resource.type())) {
                skipped.add(resource.logicalId() + " (" + resource.type() + ")");
            } else {
                ensure(resource.logicalId());
            }
        }
        if (!skipped.isEmpty()) {
            LOG.info("no local behaviour, skipped: {}", String.join(", ", skipped));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        template.parameters().keySet().forEach(name -> {
            Object value = evaluator.parameter(name);
            if (value != null) {
                parameters.put(name, value);
            }
        });
        return parameters;
    }

    // ---- Ref and GetAtt --------------------------------------------------------------------------------------

    @Override
    public Object ref(String logicalId) {
        TemplateResource r = resource(logicalId);
        return provisioners.stream().map(p -> p.ref(r, this)).filter(Objects::nonNull).findFirst()
                .orElseGet(() -> StackContext.localId(logicalId));
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        TemplateResource r = resource(logicalId);
        return provisioners.stream().map(p -> p.getAtt(r, attribute, this)).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new TemplateException("Fn::GetAtt " + logicalId + "." + attribute
                        + " is not an attribute local mode knows for " + r.type()));
    }

    @Override
    public TemplateResource resource(String logicalId) {
        TemplateResource r = template.resources().get(logicalId);
        if (r == null) {
            throw new TemplateException("no resource " + logicalId + " in the template");
        }
        return r;
    }

    // ---- ordering --------------------------------------------------------------------------------------------

    @Override
    public void ensure(String logicalId) {
        if (done.contains(logicalId)) {
            return;
        }
        if (!inProgress.add(logicalId)) {
            throw new TemplateException("circular reference between resources " + inProgress
                    + "; break the cycle, e.g. by naming a resource with Fn::Sub instead of referring to it");
        }
        TemplateResource r = resource(logicalId);
        for (String dependency : r.dependsOn()) {
            TemplateResource d = resource(dependency);
            if (evaluator.isActive(d) && !TYPES_WITHOUT_LOCAL_BEHAVIOUR.contains(d.type())) {
                ensure(dependency);
            }
        }
        if (r.type().equals("AWS::SQS::Queue")) {
            // A redrive policy names its dead-letter queue by GetAtt, which SQS needs to exist already.
            deadLetterTargetOf(r).ifPresent(this::ensure);
        }
        ResourceProvisioner provisioner = byType.get(r.type());
        if (provisioner == null) {
            throw new IllegalStateException("validate() lets through " + r.type());
        }
        provisioner.provision(r, resolvedProperties(logicalId), this);
        inProgress.remove(logicalId);
        done.add(logicalId);
    }

    /** The logical id a queue's {@code RedrivePolicy.deadLetterTargetArn} refers to with Fn::GetAtt, if any. */
    private static Optional<String> deadLetterTargetOf(TemplateResource r) {
        if (!(r.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive)
                || !(redrive.get("deadLetterTargetArn") instanceof Map<?, ?> target)) {
            return Optional.empty();
        }
        Object getAtt = target.get("Fn::GetAtt");
        String reference = getAtt instanceof List<?> parts && !parts.isEmpty() ? String.valueOf(parts.get(0))
                : getAtt instanceof String text ? text.split("\\.", 2)[0] : null;
        return Optional.ofNullable(reference);
    }

    /** The properties of a resource that its provisioner reads, resolved (absent and null values left out). */
    public Map<String, Object> resolvedProperties(String logicalId) {
        TemplateResource r = resource(logicalId);
        ResourceProvisioner provisioner = byType.get(r.type());
        if (provisioner == null) {
            throw new IllegalArgumentException(logicalId + " is a " + r.type() + ", which no provisioner creates");
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (String key : provisioner.propertiesUsed().get(r.type())) {
            if (r.properties().containsKey(key)) {
                Object value = evaluator.resolve(r.properties().get(key));
                if (value != null) {
                    resolved.put(key, value);
                }
            }
        }
        return resolved;
    }
}
