package org.emotionanalyser.local.runtime.provisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.eventbridge.model.InputTransformer;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a template's resources in the local services, through the SDK clients against the edge, and collects
 * the wiring the runtime needs (functions, notifications, event source mappings, the REST API). Re-running it on
 * the same data is harmless: what exists is left as it is.
 *
 * <p>Every resource type is either created, turned into wiring, or on an explicit list of types without local
 * behaviour (IAM, logs, alarms, permissions, deployments...). Any other type fails provisioning, naming it, so a
 * template change cannot silently do nothing locally.
 */
public final class StackProvisioner implements ResourceAttributes {

    private static final Logger LOG = LoggerFactory.getLogger(StackProvisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INDEX_BUILD_LIMIT = Duration.ofSeconds(120);
    private static final Duration INDEX_POLL = Duration.ofMillis(200);
    private static final Pattern FUNCTION_IN_URI = Pattern.compile("functions/(.+)/invocations");

    /** Types that exist only for the cloud (permissions, logging, monitoring, deployments); skipped locally. */
    public static final Set<String> TYPES_WITHOUT_LOCAL_BEHAVIOUR = Set.of(
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile",
            "AWS::Logs::LogGroup", "AWS::Logs::MetricFilter", "AWS::Logs::SubscriptionFilter",
            "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::Dashboard",
            "AWS::Lambda::Permission", "AWS::Lambda::Version", "AWS::Lambda::Alias", "AWS::Lambda::Url",
            "AWS::ApiGateway::Deployment", "AWS::ApiGateway::Account",
            "AWS::ApiGateway::UsagePlan", "AWS::ApiGateway::RequestValidator", "AWS::ApiGateway::Model",
            "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy",
            "AWS::Events::EventBusPolicy", "AWS::Events::Archive", "AWS::KMS::Key", "AWS::KMS::Alias",
            "AWS::SSM::Parameter");

    private static final Set<String> TYPES_PROVISIONED = Set.of(
            "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::SNS::Topic",
            "AWS::SNS::Subscription", "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::Lambda::Function",
            "AWS::Lambda::EventSourceMapping", "AWS::Lambda::EventInvokeConfig", "AWS::ApiGateway::RestApi",
            "AWS::ApiGateway::Resource", "AWS::ApiGateway::Method", "AWS::ApiGateway::Authorizer",
            "AWS::ApiGateway::Stage", "AWS::ApiGateway::GatewayResponse");

    /** The properties read locally, per type; the others (Code, Role, LoggingConfig...) are never resolved. */
    private static final Map<String, List<String>> PROPERTIES_USED = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", List.of("NotificationConfiguration")),
            Map.entry("AWS::DynamoDB::Table", List.of("KeySchema", "AttributeDefinitions", "BillingMode",
                    "ProvisionedThroughput", "GlobalSecondaryIndexes", "TimeToLiveSpecification")),
            Map.entry("AWS::SQS::Queue", List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
                    "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue", "ContentBasedDeduplication",
                    "RedrivePolicy")),
            Map.entry("AWS::SNS::Topic", List.of("Subscription")),
            Map.entry("AWS::SNS::Subscription", List.of("TopicArn", "Protocol", "Endpoint", "FilterPolicy",
                    "RawMessageDelivery")),
            Map.entry("AWS::Events::EventBus", List.of()),
            Map.entry("AWS::Events::Rule", List.of("EventBusName", "EventPattern", "ScheduleExpression", "State",
                    "Targets")),
            Map.entry("AWS::Lambda::Function", List.of("Handler", "Environment", "Timeout")),
            Map.entry("AWS::Lambda::EventSourceMapping", List.of("EventSourceArn", "FunctionName", "BatchSize",
                    "FunctionResponseTypes", "Enabled")),
            Map.entry("AWS::Lambda::EventInvokeConfig", List.of("FunctionName", "MaximumRetryAttempts",
                    "DestinationConfig")),
            Map.entry("AWS::ApiGateway::RestApi", List.of("BinaryMediaTypes")),
            Map.entry("AWS::ApiGateway::Resource", List.of("ParentId", "PathPart")),
            Map.entry("AWS::ApiGateway::Method", List.of("HttpMethod", "ResourceId", "AuthorizationType",
                    "AuthorizerId", "Integration")),
            Map.entry("AWS::ApiGateway::Authorizer", List.of("Type", "IdentitySource", "AuthorizerUri")),
            Map.entry("AWS::ApiGateway::Stage", List.of("StageName")),
            Map.entry("AWS::ApiGateway::GatewayResponse", List.of("ResponseType", "StatusCode",
                    "ResponseTemplates", "ResponseParameters")));

    private final CloudFormationTemplate template;
    private final PseudoParameters pseudo;
    private final LocalAwsClients clients;
    private final TemplateEvaluator evaluator;

    private final Set<String> done = new HashSet<>();
    private final Set<String> inProgress = new LinkedHashSet<>();
    private final Map<String, String> queueUrls = new HashMap<>();

    private final List<FunctionDefinition> functions = new ArrayList<>();
    private final List<BucketNotification> notifications = new ArrayList<>();
    private final List<EventSourceMappingDefinition> mappings = new ArrayList<>();
    private final Map<String, AsyncInvokeConfig> asyncConfigs = new LinkedHashMap<>();
    private final Map<String, ApiResource> apiResources = new HashMap<>();
    private final List<PendingMethod> apiMethods = new ArrayList<>();
    private final Map<String, ApiAuthorizer> authorizers = new HashMap<>();
    private final List<String> binaryMediaTypes = new ArrayList<>();
    private final Map<String, GatewayResponse> gatewayResponses = new LinkedHashMap<>();
    private String apiId;
    private String stageName;

    /**
     * @param overrides parameter values replacing defaults
     * @param clients   clients against the local edge; may be {@code null} when only {@link #validate()} is used
     */
    public StackProvisioner(CloudFormationTemplate template, Map<String, String> overrides, PseudoParameters pseudo,
                            LocalAwsClients clients) {
        this.template = template;
        this.pseudo = pseudo;
        this.clients = clients;
        this.evaluator = new TemplateEvaluator(template, overrides, pseudo, this);
    }

    /** The evaluator bound to this stack, for resolving template values. */
    public TemplateEvaluator evaluator() {
        return evaluator;
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
            if (!TYPES_PROVISIONED.contains(type) && !TYPES_WITHOUT_LOCAL_BEHAVIOUR.contains(type)) {
                unknown.computeIfAbsent(type, t -> new ArrayList<>()).add(resource.logicalId());
            }
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException("local mode does not know the resource type(s) " + unknown
                    + "; teach org.emotionanalyser.local.runtime.provisioning.StackProvisioner to create them, or "
                    + "add them to TYPES_WITHOUT_LOCAL_BEHAVIOUR if they have no local behaviour");
        }
    }

    /** Creates whatever does not exist yet and returns the wiring. */
    public ProvisionedStack provision() {
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
        return new ProvisionedStack(List.copyOf(functions), List.copyOf(notifications), List.copyOf(mappings),
                Map.copyOf(asyncConfigs), api(), parameters);
    }

    // ---- Ref and GetAtt --------------------------------------------------------------------------------------

    @Override
    public Object ref(String logicalId) {
        TemplateResource r = resource(logicalId);
        return switch (r.type()) {
            case "AWS::S3::Bucket" -> bucketName(r);
            case "AWS::DynamoDB::Table" -> tableName(r);
            case "AWS::SQS::Queue" -> queueUrl(r);
            case "AWS::SNS::Topic" -> topicArn(r);
            case "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::Lambda::Function" -> name(r, "Name");
            case "AWS::Lambda::EventSourceMapping" -> UUID.nameUUIDFromBytes(logicalId.getBytes()).toString();
            case "AWS::Lambda::Alias" -> functionArn(qualifiedFunction(r)) + ":" + evaluator.resolveString(
                    r.properties().get("Name"), logicalId + ".Name");
            case "AWS::Lambda::Version" -> functionArn(qualifiedFunction(r)) + ":1";
            default -> localId(logicalId);
        };
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        TemplateResource r = resource(logicalId);
        String key = r.type() + "." + attribute;
        String prefix = "arn:" + PseudoParameters.PARTITION + ":";
        String regionAccount = pseudo.region() + ":" + pseudo.accountId() + ":";
        return switch (key) {
            case "AWS::S3::Bucket.Arn" -> prefix + "s3:::" + bucketName(r);
            case "AWS::S3::Bucket.DomainName", "AWS::S3::Bucket.RegionalDomainName" ->
                    bucketName(r) + ".s3." + pseudo.region() + "." + PseudoParameters.URL_SUFFIX;
            case "AWS::DynamoDB::Table.Arn" -> prefix + "dynamodb:" + regionAccount + "table/" + tableName(r);
            case "AWS::SQS::Queue.Arn" -> prefix + "sqs:" + regionAccount + queueName(r);
            case "AWS::SQS::Queue.QueueName" -> queueName(r);
            case "AWS::SQS::Queue.QueueUrl" -> queueUrl(r);
            case "AWS::SNS::Topic.TopicArn" -> topicArn(r);
            case "AWS::SNS::Topic.TopicName" -> topicName(r);
            case "AWS::Events::EventBus.Arn" -> prefix + "events:" + regionAccount + "event-bus/" + name(r, "Name");
            case "AWS::Events::EventBus.Name" -> name(r, "Name");
            case "AWS::Events::Rule.Arn" -> prefix + "events:" + regionAccount + "rule/" + ruleBusPath(r);
            case "AWS::Lambda::Function.Arn" -> functionArn(name(r, "FunctionName"));
            case "AWS::ApiGateway::RestApi.RootResourceId" -> "root-" + localId(logicalId);
            case "AWS::Lambda::Version.Version" -> "1";
            case "AWS::Lambda::Alias.AliasName" -> evaluator.resolveString(r.properties().get("Name"), logicalId);
            default -> throw new TemplateException("Fn::GetAtt " + logicalId + "." + attribute
                    + " is not an attribute local mode knows for " + r.type());
        };
    }

    private TemplateResource resource(String logicalId) {
        TemplateResource r = template.resources().get(logicalId);
        if (r == null) {
            throw new TemplateException("no resource " + logicalId + " in the template");
        }
        return r;
    }

    /** The function an alias or version belongs to (its FunctionName: a name or an ARN). */
    private String qualifiedFunction(TemplateResource r) {
        return ProvisionedStack.functionName(evaluator.resolveString(r.properties().get("FunctionName"),
                r.logicalId() + ".FunctionName"));
    }

    private String functionArn(String name) {
        return "arn:aws:lambda:" + pseudo.region() + ":" + pseudo.accountId() + ":function:" + name;
    }

    /** The name a resource is given: its name property, or {@code <stack>-<LogicalId>} as CloudFormation would. */
    private String name(TemplateResource r, String property) {
        String type = r.type();
        String nameProperty = switch (type) {
            case "AWS::Lambda::Function" -> "FunctionName";
            case "AWS::DynamoDB::Table" -> "TableName";
            case "AWS::SQS::Queue" -> "QueueName";
            case "AWS::SNS::Topic" -> "TopicName";
            case "AWS::S3::Bucket" -> "BucketName";
            default -> property;
        };
        Object value = r.properties().get(nameProperty);
        if (value != null) {
            return evaluator.resolveString(value, r.logicalId() + "." + nameProperty);
        }
        // Generated names are deterministic, unlike CloudFormation's, so a restart finds the same resources.
        return pseudo.stackName() + "-" + r.logicalId();
    }

    private String bucketName(TemplateResource r) {
        if (r.properties().get("BucketName") != null) {
            return name(r, "BucketName");
        }
        String base = r.logicalId().endsWith("Bucket")
                ? r.logicalId().substring(0, r.logicalId().length() - "Bucket".length()) : r.logicalId();
        return (pseudo.stackName() + "-" + base).toLowerCase(Locale.ROOT);
    }

    private String tableName(TemplateResource r) {
        return name(r, "TableName");
    }

    private String queueName(TemplateResource r) {
        String name = name(r, "QueueName");
        boolean fifo = Boolean.parseBoolean(String.valueOf(evaluator.resolve(r.properties().get("FifoQueue"))));
        return fifo && !name.endsWith(".fifo") ? name + ".fifo" : name;
    }

    private String topicName(TemplateResource r) {
        return name(r, "TopicName");
    }

    private String topicArn(TemplateResource r) {
        return "arn:aws:sns:" + pseudo.region() + ":" + pseudo.accountId() + ":" + topicName(r);
    }

    private String ruleBusPath(TemplateResource r) {
        Object bus = r.properties().get("EventBusName");
        String busName = bus == null ? "default" : busName(evaluator.resolveString(bus, r.logicalId() + ".EventBusName"));
        String ruleName = name(r, "Name");
        return busName.equals("default") ? ruleName : busName + "/" + ruleName;
    }

    private static String busName(String nameOrArn) {
        int slash = nameOrArn.lastIndexOf("event-bus/");
        return slash < 0 ? nameOrArn : nameOrArn.substring(slash + "event-bus/".length());
    }

    private String queueUrl(TemplateResource r) {
        ensure(r.logicalId());
        String url = queueUrls.get(r.logicalId());
        if (url == null) {
            url = clients.sqs().getQueueUrl(b -> b.queueName(queueName(r))).queueUrl();
            queueUrls.put(r.logicalId(), url);
        }
        return url;
    }

    private static String localId(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }

    // ---- creation --------------------------------------------------------------------------------------------

    private void ensure(String logicalId) {
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
        Map<String, Object> p = properties(r);
        switch (r.type()) {
            case "AWS::S3::Bucket" -> createBucket(r, p);
            case "AWS::DynamoDB::Table" -> createTable(r, p);
            case "AWS::SQS::Queue" -> createQueue(r, p);
            case "AWS::SNS::Topic" -> createTopic(r, p);
            case "AWS::SNS::Subscription" -> subscribe(p);
            case "AWS::Events::EventBus" -> createBus(r);
            case "AWS::Events::Rule" -> createRule(r, p);
            case "AWS::Lambda::Function" -> defineFunction(r, p);
            case "AWS::Lambda::EventSourceMapping" -> defineMapping(r, p);
            case "AWS::Lambda::EventInvokeConfig" -> defineAsyncConfig(p);
            case "AWS::ApiGateway::RestApi" -> defineRestApi(r, p);
            case "AWS::ApiGateway::Resource" -> apiResources.put(localId(r.logicalId()),
                    new ApiResource(string(p, "ParentId", r), string(p, "PathPart", r)));
            case "AWS::ApiGateway::Method" -> apiMethods.add(new PendingMethod(r.logicalId(), p));
            case "AWS::ApiGateway::Authorizer" -> defineAuthorizer(r, p);
            case "AWS::ApiGateway::Stage" -> stageName = string(p, "StageName", r);
            case "AWS::ApiGateway::GatewayResponse" -> defineGatewayResponse(r, p);
            default -> throw new IllegalStateException("validate() lets through " + r.type());
        }
        inProgress.remove(logicalId);
        done.add(logicalId);
    }

    private Map<String, Object> properties(TemplateResource r) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (String key : PROPERTIES_USED.get(r.type())) {
            if (r.properties().containsKey(key)) {
                Object value = evaluator.resolve(r.properties().get(key));
                if (value != null) {
                    resolved.put(key, value);
                }
            }
        }
        return resolved;
    }

    private void createBucket(TemplateResource r, Map<String, Object> p) {
        String bucket = bucketName(r);
        try {
            clients.s3().headBucket(b -> b.bucket(bucket));
            LOG.info("bucket {} exists", bucket);
        } catch (NoSuchBucketException e) {
            clients.s3().createBucket(b -> b.bucket(bucket));
            LOG.info("bucket {} created", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            clients.s3().createBucket(b -> b.bucket(bucket));
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

    private void createTable(TemplateResource r, Map<String, Object> p) {
        String table = tableName(r);
        boolean provisioned = "PROVISIONED".equals(p.get("BillingMode"));
        List<AttributeDefinition> attributes = list(p.get("AttributeDefinitions")).stream().map(StackProvisioner::map)
                .map(a -> AttributeDefinition.builder().attributeName(str(a.get("AttributeName")))
                        .attributeType(str(a.get("AttributeType"))).build()).toList();
        List<GlobalSecondaryIndex> indexes = list(p.get("GlobalSecondaryIndexes")).stream()
                .map(StackProvisioner::map)
                .map(i -> {
                    GlobalSecondaryIndex.Builder index = GlobalSecondaryIndex.builder()
                            .indexName(str(i.get("IndexName")))
                            .keySchema(keySchema(i.get("KeySchema")))
                            .projection(projection(i.get("Projection")));
                    if (provisioned) {
                        index.provisionedThroughput(throughput(i.get("ProvisionedThroughput")));
                    }
                    return index.build();
                }).toList();
        TableDescription existing;
        try {
            existing = clients.dynamoDb().describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            existing = null;
        }
        if (existing != null) {
            LOG.info("table {} exists", table);
            addMissingIndexes(table, existing, attributes, indexes);
        } else {
            CreateTableRequest.Builder request = CreateTableRequest.builder()
                    .tableName(table)
                    .keySchema(keySchema(p.get("KeySchema")))
                    .attributeDefinitions(attributes)
                    .billingMode(provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST);
            if (provisioned) {
                request.provisionedThroughput(throughput(p.get("ProvisionedThroughput")));
            }
            if (!indexes.isEmpty()) {
                request.globalSecondaryIndexes(indexes);
            }
            clients.dynamoDb().createTable(request.build());
            LOG.info("table {} created", table);
        }
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        if (Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            String attribute = str(ttl.get("AttributeName"));
            String current = clients.dynamoDb().describeTimeToLive(b -> b.tableName(table))
                    .timeToLiveDescription().attributeName();
            if (!attribute.equals(current)) {
                clients.dynamoDb().updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            }
        }
    }

    /**
     * Creates the template's indexes that a table made by an earlier template lacks, as a stack update would, so a
     * data directory from before an index was added keeps working. DynamoDB fills a new index from the items
     * already stored; indexes the template no longer has are left alone.
     */
    private void addMissingIndexes(String table, TableDescription existing, List<AttributeDefinition> attributes,
                                   List<GlobalSecondaryIndex> indexes) {
        Set<String> present = new HashSet<>();
        existing.globalSecondaryIndexes().forEach(index -> present.add(index.indexName()));
        for (GlobalSecondaryIndex index : indexes) {
            if (present.contains(index.indexName())) {
                continue;
            }
            // One index per update: DynamoDB refuses to create several in one call.
            clients.dynamoDb().updateTable(b -> b.tableName(table)
                    .attributeDefinitions(attributes)
                    .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                            .create(CreateGlobalSecondaryIndexAction.builder()
                                    .indexName(index.indexName())
                                    .keySchema(index.keySchema())
                                    .projection(index.projection())
                                    .provisionedThroughput(index.provisionedThroughput())
                                    .build())
                            .build()));
            LOG.info("index {} added to table {}", index.indexName(), table);
            awaitActiveIndex(table, index.indexName());
        }
    }

    /** Queries on an index fail until it is built; the functions start right after provisioning. */
    private void awaitActiveIndex(String table, String indexName) {
        long deadline = System.nanoTime() + INDEX_BUILD_LIMIT.toNanos();
        while (true) {
            boolean active = clients.dynamoDb().describeTable(b -> b.tableName(table)).table()
                    .globalSecondaryIndexes().stream()
                    .anyMatch(index -> index.indexName().equals(indexName)
                            && index.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TemplateException("index " + indexName + " of table " + table + " was not built within "
                        + INDEX_BUILD_LIMIT.toSeconds() + " s; start again to wait for it");
            }
            try {
                Thread.sleep(INDEX_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TemplateException("interrupted while index " + indexName + " of table " + table
                        + " was being built; start again to wait for it");
            }
        }
    }

    private static List<KeySchemaElement> keySchema(Object value) {
        return list(value).stream().map(StackProvisioner::map)
                .map(k -> KeySchemaElement.builder().attributeName(str(k.get("AttributeName")))
                        .keyType(str(k.get("KeyType"))).build()).toList();
    }

    private static Projection projection(Object value) {
        Map<String, Object> p = map(value);
        Projection.Builder projection = Projection.builder()
                .projectionType(p.containsKey("ProjectionType") ? str(p.get("ProjectionType")) : "ALL");
        List<String> nonKey = list(p.get("NonKeyAttributes")).stream().map(String::valueOf).toList();
        if (!nonKey.isEmpty()) {
            projection.nonKeyAttributes(nonKey);
        }
        return projection.build();
    }

    private static ProvisionedThroughput throughput(Object value) {
        Map<String, Object> t = map(value);
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(t.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }

    private void createQueue(TemplateResource r, Map<String, Object> p) {
        String name = queueName(r);
        try {
            queueUrls.put(r.logicalId(), clients.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl());
            LOG.info("queue {} exists", name);
            return;
        } catch (QueueDoesNotExistException e) {
            // create it below
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String attribute : List.of("VisibilityTimeout", "MessageRetentionPeriod", "DelaySeconds",
                "MaximumMessageSize", "ReceiveMessageWaitTimeSeconds", "FifoQueue", "ContentBasedDeduplication")) {
            if (p.containsKey(attribute)) {
                attributes.put(attribute, String.valueOf(p.get(attribute)));
            }
        }
        if (p.containsKey("RedrivePolicy")) {
            attributes.put("RedrivePolicy", json(p.get("RedrivePolicy")));
        }
        String url = clients.sqs().createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        queueUrls.put(r.logicalId(), url);
        LOG.info("queue {} created", name);
    }

    private void createTopic(TemplateResource r, Map<String, Object> p) {
        String arn = clients.sns().createTopic(b -> b.name(topicName(r))).topicArn();
        LOG.info("topic {} ready", arn);
        for (Object item : list(p.get("Subscription"))) {
            Map<String, Object> s = map(item);
            clients.sns().subscribe(b -> b.topicArn(arn).protocol(str(s.get("Protocol")))
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
        clients.sns().subscribe(b -> b.topicArn(str(p.get("TopicArn"))).protocol(str(p.get("Protocol")))
                .endpoint(str(p.get("Endpoint"))).attributes(attributes).returnSubscriptionArn(true));
    }

    private void createBus(TemplateResource r) {
        String name = name(r, "Name");
        boolean exists = clients.eventBridge().listEventBuses(b -> b.namePrefix(name)).eventBuses().stream()
                .anyMatch(bus -> bus.name().equals(name));
        if (!exists) {
            clients.eventBridge().createEventBus(b -> b.name(name));
        }
        LOG.info("event bus {} {}", name, exists ? "exists" : "created");
    }

    private void createRule(TemplateResource r, Map<String, Object> p) {
        String name = name(r, "Name");
        String bus = p.containsKey("EventBusName") ? busName(str(p.get("EventBusName"))) : "default";
        clients.eventBridge().putRule(b -> {
            b.name(name).eventBusName(bus).state(p.containsKey("State") ? str(p.get("State")) : "ENABLED");
            if (p.containsKey("EventPattern")) {
                b.eventPattern(p.get("EventPattern") instanceof String s ? s : json(p.get("EventPattern")));
            }
            if (p.containsKey("ScheduleExpression")) {
                b.scheduleExpression(str(p.get("ScheduleExpression")));
            }
        });
        List<Target> targets = ruleTargets(r, p);
        if (!targets.isEmpty()) {
            clients.eventBridge().putTargets(b -> b.rule(name).eventBusName(bus).targets(targets));
        }
        LOG.info("rule {} on bus {} ready", name, bus);
    }

    /** The targets of a rule resource as provisioning sends them to PutTargets. */
    List<Target> ruleTargets(String logicalId) {
        TemplateResource r = template.resources().get(logicalId);
        if (r == null || !"AWS::Events::Rule".equals(r.type())) {
            throw new IllegalArgumentException(logicalId + " is not an AWS::Events::Rule of the template");
        }
        return ruleTargets(r, properties(r));
    }

    private static List<Target> ruleTargets(TemplateResource r, Map<String, Object> p) {
        return list(p.get("Targets")).stream().map(StackProvisioner::map).map(t -> {
            Target.Builder target = Target.builder().id(str(t.get("Id"))).arn(str(t.get("Arn")));
            if (t.containsKey("Input")) {
                target.input(t.get("Input") instanceof String s ? s : json(t.get("Input")));
            }
            if (t.containsKey("InputPath")) {
                target.inputPath(str(t.get("InputPath")));
            }
            if (t.containsKey("InputTransformer")) {
                target.inputTransformer(inputTransformer(r, map(t.get("InputTransformer"))));
            }
            if (!p.containsKey("ScheduleExpression") && str(t.get("Arn")).contains(":lambda:")) {
                throw new TemplateException(r.logicalId() + " targets function " + t.get("Arn")
                        + " with an event pattern; local mode delivers pattern rules to SQS only and "
                        + "schedules to functions");
            }
            return target.build();
        }).toList();
    }

    /** A target's InputTransformer as PutTargets takes it; paths map values and the template are strings. */
    private static InputTransformer inputTransformer(TemplateResource r, Map<String, Object> transformer) {
        if (!transformer.containsKey("InputTemplate")) {
            throw new TemplateException(r.logicalId() + " has a target InputTransformer without InputTemplate");
        }
        Map<String, String> paths = new LinkedHashMap<>();
        if (transformer.containsKey("InputPathsMap")) {
            map(transformer.get("InputPathsMap")).forEach((name, path) -> paths.put(name, str(path)));
        }
        Object template = transformer.get("InputTemplate");
        return InputTransformer.builder().inputPathsMap(paths)
                .inputTemplate(template instanceof String s ? s : json(template)).build();
    }

    private void defineFunction(TemplateResource r, Map<String, Object> p) {
        String name = name(r, "FunctionName");
        String handler = str(p.get("Handler"));
        if (handler == null) {
            throw new TemplateException(r.logicalId() + " has no Handler; local mode instantiates the class it names");
        }
        String[] parts = handler.split("::", 2);
        Map<String, String> env = new LinkedHashMap<>();
        map(map(p.get("Environment")).get("Variables")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        int timeout = p.containsKey("Timeout") ? Integer.parseInt(String.valueOf(p.get("Timeout"))) : 3;
        Integer reserved = p.containsKey("ReservedConcurrentExecutions")
                ? Integer.valueOf(String.valueOf(p.get("ReservedConcurrentExecutions"))) : null;
        functions.add(new FunctionDefinition(r.logicalId(), name, functionArn(name), parts[0],
                parts.length > 1 ? parts[1] : "handleRequest", Map.copyOf(env), timeout, reserved));
    }

    private void defineMapping(TemplateResource r, Map<String, Object> p) {
        String source = str(p.get("EventSourceArn"));
        if (source == null || !source.contains(":sqs:")) {
            throw new TemplateException(r.logicalId() + " maps " + source
                    + "; local mode runs event source mappings from SQS queues only");
        }
        boolean partial = list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        mappings.add(new EventSourceMappingDefinition(source, str(p.get("FunctionName")),
                p.containsKey("BatchSize") ? Integer.parseInt(String.valueOf(p.get("BatchSize"))) : 10,
                partial, !"false".equals(String.valueOf(p.get("Enabled"))),
                p.containsKey("MaximumBatchingWindowInSeconds")
                        ? Integer.parseInt(String.valueOf(p.get("MaximumBatchingWindowInSeconds"))) : 0));
    }

    private void defineAsyncConfig(Map<String, Object> p) {
        String function = ProvisionedStack.functionName(str(p.get("FunctionName")));
        int retries = p.containsKey("MaximumRetryAttempts")
                ? Integer.parseInt(String.valueOf(p.get("MaximumRetryAttempts"))) : 2;
        Object destination = map(map(map(p.get("DestinationConfig")).get("OnFailure"))).get("Destination");
        asyncConfigs.put(function, new AsyncInvokeConfig(function, retries,
                destination == null ? null : String.valueOf(destination)));
    }

    private void defineRestApi(TemplateResource r, Map<String, Object> p) {
        if (apiId != null) {
            throw new TemplateException(r.logicalId() + " is a second REST API; local mode serves one");
        }
        apiId = localId(r.logicalId());
        for (Object type : list(p.get("BinaryMediaTypes"))) {
            // CloudFormation accepts both "image/png" and the escaped "image~1png".
            binaryMediaTypes.add(String.valueOf(type).replace("~1", "/"));
        }
    }

    private void defineGatewayResponse(TemplateResource r, Map<String, Object> p) {
        String type = string(p, "ResponseType", r);
        Object template = map(p.get("ResponseTemplates")).get("application/json");
        Map<String, String> headers = new LinkedHashMap<>();
        map(p.get("ResponseParameters")).forEach((k, v) -> {
            String prefix = "gatewayresponse.header.";
            String value = String.valueOf(v);
            if (k.startsWith(prefix) && value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
                headers.put(k.substring(prefix.length()), value.substring(1, value.length() - 1));
            }
        });
        gatewayResponses.put(type, new GatewayResponse(p.containsKey("StatusCode")
                ? Integer.valueOf(String.valueOf(p.get("StatusCode"))) : null,
                template == null ? null : String.valueOf(template), Map.copyOf(headers)));
    }

    private void defineAuthorizer(TemplateResource r, Map<String, Object> p) {
        String type = p.containsKey("Type") ? str(p.get("Type")) : "TOKEN";
        if (!type.equals("REQUEST") && !type.equals("TOKEN")) {
            throw new TemplateException(r.logicalId() + " is a " + type
                    + " authorizer; local mode runs Lambda authorizers (REQUEST, TOKEN) only");
        }
        List<String> headers = new ArrayList<>();
        String identity = p.containsKey("IdentitySource") ? str(p.get("IdentitySource")) : "";
        for (String source : identity.split(",")) {
            String s = source.trim();
            if (s.startsWith("method.request.header.")) {
                headers.add(s.substring("method.request.header.".length()));
            }
        }
        authorizers.put(localId(r.logicalId()), new ApiAuthorizer(name(r, "Name"), type,
                functionInUri(str(p.get("AuthorizerUri")), r.logicalId()), List.copyOf(headers)));
    }

    private static String functionInUri(String uri, String where) {
        Matcher m = uri == null ? null : FUNCTION_IN_URI.matcher(uri);
        if (m == null || !m.find()) {
            throw new TemplateException(where + " integration URI " + uri
                    + " does not name a Lambda function (…/functions/<arn>/invocations)");
        }
        return m.group(1);
    }

    private Optional<ApiDefinition> api() {
        if (apiId == null) {
            return Optional.empty();
        }
        List<ApiRoute> routes = new ArrayList<>();
        for (PendingMethod method : apiMethods) {
            Map<String, Object> p = method.properties();
            String httpMethod = str(p.get("HttpMethod")).toUpperCase(Locale.ROOT);
            Map<String, Object> integration = map(p.get("Integration"));
            String integrationType = str(integration.get("Type"));
            String path = path(str(p.get("ResourceId")), method.logicalId());
            if ("MOCK".equals(integrationType) && httpMethod.equals("OPTIONS")) {
                // CORS preflight methods: the emulation answers every preflight itself.
                continue;
            }
            if (!"AWS_PROXY".equals(integrationType)) {
                throw new TemplateException(method.logicalId() + " has integration type " + integrationType
                        + "; local mode serves Lambda proxy (AWS_PROXY) integrations only");
            }
            String authorization = p.containsKey("AuthorizationType") ? str(p.get("AuthorizationType")) : "NONE";
            ApiAuthorizer authorizer = null;
            if (authorization.equals("CUSTOM")) {
                String authorizerId = str(p.get("AuthorizerId"));
                authorizer = authorizers.get(authorizerId);
                if (authorizer == null) {
                    throw new TemplateException(method.logicalId() + " uses authorizer " + authorizerId
                            + " which is not an AWS::ApiGateway::Authorizer of the template");
                }
            } else if (!authorization.equals("NONE")) {
                throw new TemplateException(method.logicalId() + " has AuthorizationType " + authorization
                        + "; local mode supports NONE and CUSTOM");
            }
            routes.add(new ApiRoute(path, httpMethod, functionInUri(str(integration.get("Uri")), method.logicalId()),
                    authorizer));
        }
        return Optional.of(new ApiDefinition(apiId, stageName == null ? "local" : stageName,
                List.copyOf(binaryMediaTypes), List.copyOf(routes), Map.copyOf(gatewayResponses)));
    }

    private String path(String resourceId, String where) {
        if (resourceId.startsWith("root-")) {
            return "/";
        }
        ApiResource resource = apiResources.get(resourceId);
        if (resource == null) {
            throw new TemplateException(where + " is on resource " + resourceId
                    + " which is not an AWS::ApiGateway::Resource of the template");
        }
        String parent = path(resource.parentId(), where);
        return (parent.equals("/") ? "" : parent) + "/" + resource.pathPart();
    }

    private record ApiResource(String parentId, String pathPart) {
    }

    private record PendingMethod(String logicalId, Map<String, Object> properties) {
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static String string(Map<String, Object> p, String key, TemplateResource r) {
        Object value = p.get(key);
        if (value == null) {
            throw new TemplateException(r.logicalId() + " has no " + key);
        }
        return String.valueOf(value);
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON", e);
        }
    }
}
