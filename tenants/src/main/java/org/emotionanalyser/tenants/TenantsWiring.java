package org.emotionanalyser.tenants;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.aws.SdkClients;
import org.emotionanalyser.tenants.adapter.ApiGatewayUsageKeys;
import org.emotionanalyser.tenants.adapter.AwsTenantResources;
import org.emotionanalyser.tenants.adapter.CloudWatchDeadLetterAlarms;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.adapter.S3ExportStore;
import org.emotionanalyser.tenants.adapter.S3ImageLinks;
import org.emotionanalyser.tenants.adapter.S3TenantObjects;
import org.emotionanalyser.tenants.adapter.SecretsManagerAdminKeyStore;
import org.emotionanalyser.tenants.adapter.SnsExportNotifier;
import org.emotionanalyser.tenants.adapter.SnsNotifier;
import org.emotionanalyser.tenants.adapter.SnsSubscriptions;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.TenantOnboarding;
import org.emotionanalyser.tenants.domain.TenantSubscriptions;
import org.emotionanalyser.tenants.port.DeadLetterAlarms;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.TenantDirectory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The tenants module's one wiring class: builds the adapters and domain services of every function of the module
 * (consumer, authorizer, admin API, tenant API, exports) from the environment. Each function builds one wiring in
 * its constructor (Lambda's init) and asks it only for what it uses; each SDK client and adapter is built at most
 * once, on first use, so clients a function does not need are never created. Every client comes from
 * {@link AwsClientSettings} with its service id, so per-service endpoint overrides apply to every function; the
 * consumer can be assembled over other {@link SdkClients} (the cold-start benchmark's baseline does).
 */
public final class TenantsWiring {

    /** API calls answer a person waiting on an HTTP request; provisioning calls get a little longer. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROVISIONING_CALL_TIMEOUT = Duration.ofSeconds(20);
    /** Each consumer call is a single-item read or write, or one publish; a slow one fails the message (retried). */
    public static final Duration CONSUMER_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Settings changes (threshold, retention) reach a warm consumer within this time. */

    private final TenantsConfig config;
    private final SdkClients aws;
    private final Duration callTimeout;
    private final Duration provisioningTimeout;
    private final Clock clock = Clock.systemUTC();
    private DynamoDbEnhancedClient dynamoDb;
    private S3Client s3;
    private SnsClient sns;
    private ImageLinks imageLinks;
    private TenantDirectory tenantDirectory;
    private ImageCatalogue imageCatalogue;
    private EmotionTimeline emotionTimeline;

    private TenantsWiring(TenantsConfig config, SdkClients aws, Duration callTimeout, Duration provisioningTimeout) {
        this.config = config;
        this.aws = aws;
        this.callTimeout = callTimeout;
        this.provisioningTimeout = provisioningTimeout;
    }

    /** The wiring of the API, authorizer and export functions. */
    public static TenantsWiring fromEnvironment(Map<String, String> env) {
        TenantsConfig config = TenantsConfig.fromEnvironment(env);
        return new TenantsWiring(config, AwsClientSettings.fromEnvironment(config.environment()), API_CALL_TIMEOUT,
                PROVISIONING_CALL_TIMEOUT);
    }

    /** The wiring of the tenant consumer, whose calls have a shorter deadline. */
    public static TenantsWiring forConsumer(Map<String, String> env) {
        TenantsConfig config = TenantsConfig.fromEnvironment(env);
        return new TenantsWiring(config, AwsClientSettings.fromEnvironment(config.environment()),
                CONSUMER_CALL_TIMEOUT, CONSUMER_CALL_TIMEOUT);
    }

    /** The consumer's wiring over clients built by {@code clients} instead of {@link AwsClientSettings}. */
    public static TenantsWiring forConsumer(Map<String, String> env, SdkClients clients) {
        return new TenantsWiring(TenantsConfig.fromEnvironment(env), clients, CONSUMER_CALL_TIMEOUT,
                CONSUMER_CALL_TIMEOUT);
    }

    public TenantsConfig config() {
        return config;
    }

    /**
     * Hex SHA-256 of the admin key: read from its secret once, here, when {@code ADMIN_KEY_SECRET_ID} is set (AWS),
     * else {@code ADMIN_KEY_SHA256} (local mode).
     */
    public String adminKeySha256() {
        return config.adminKeySecretId()
                .map(secretId -> ApiKeys.sha256Hex(new SecretsManagerAdminKeyStore(
                        aws.build(AwsClientSettings.SECRETS_MANAGER, SecretsManagerClient.builder(),
                                callTimeout), secretId).adminKey()))
                .orElseGet(config::adminKeySha256);
    }

    public TenantDirectory tenantDirectory() {
        if (tenantDirectory == null) {
            tenantDirectory = new DynamoDbTenantDirectory(dynamoDb(), config.tenantsTable(),
                    config.defaultEmotionThreshold(), config.defaultRetentionDays());
        }
        return tenantDirectory;
    }

    public ImageCatalogue imageCatalogue() {
        if (imageCatalogue == null) {
            imageCatalogue = new DynamoDbImageCatalogue(dynamoDb(), config.imagesTable());
        }
        return imageCatalogue;
    }

    public EmotionTimeline emotionTimeline() {
        if (emotionTimeline == null) {
            emotionTimeline = new DynamoDbEmotionTimeline(dynamoDb(), config::emotionTable);
        }
        return emotionTimeline;
    }

    public S3TenantObjects tenantObjects() {
        return new S3TenantObjects(s3(), config.uploadBucket());
    }

    public ImageLinks imageLinks() {
        if (imageLinks == null) {
            imageLinks = new S3ImageLinks(aws.s3Presigner(), config.uploadBucket());
        }
        return imageLinks;
    }

    public TenantOnboarding onboarding() {
        AwsTenantResources resources = new AwsTenantResources(
                aws.build(AwsClientSettings.SQS, SqsClient.builder(), provisioningTimeout),
                aws.build(AwsClientSettings.EVENTBRIDGE, EventBridgeClient.builder(), provisioningTimeout),
                sns(),
                aws.build(AwsClientSettings.LAMBDA, LambdaClient.builder(), provisioningTimeout),
                config.eventBusName(), config.consumerFunctionArn(), config.dlqMaxReceiveCount(),
                config.alarmTopicArn().<DeadLetterAlarms>map(topic -> new CloudWatchDeadLetterAlarms(
                        aws.build(AwsClientSettings.CLOUDWATCH, CloudWatchClient.builder(),
                        provisioningTimeout), topic))
                        .orElse(DeadLetterAlarms.NONE));
        ApiGatewayUsageKeys usageKeys = new ApiGatewayUsageKeys(
                aws.build(AwsClientSettings.API_GATEWAY, ApiGatewayClient.builder(), provisioningTimeout),
                config.tenantUsagePlanName());
        return new TenantOnboarding(tenantDirectory(), resources, usageKeys, tenantObjects(), imageCatalogue(),
                emotionTimeline(), new ApiKeys(), clock, config.resourcePrefix(), config.defaultEmotionThreshold(),
                config.defaultRetentionDays());
    }

    public ImageQueries imageQueries() {
        return new ImageQueries(imageCatalogue(), emotionTimeline(), tenantObjects(), imageLinks(), clock);
    }

    public TenantSubscriptions subscriptions() {
        return new TenantSubscriptions(tenantDirectory(), new SnsSubscriptions(sns()));
    }

    public CsvExport csvExport() {
        return new CsvExport(emotionTimeline(), new S3ExportStore(s3(), config.uploadBucket()), imageLinks(),
                new SnsExportNotifier(sns()), tenantDirectory(), clock);
    }

    /**
     * The consumer's recorder. It reads the tenant once per message, consistently and past any cache, since that
     * read must see a delete's tombstone at once; a cache in front of it would save no read.
     */
    public AnalysisRecorder analysisRecorder() {
        return new AnalysisRecorder(
                tenantDirectory(),
                imageCatalogue(),
                emotionTimeline(),
                // No SDK retries for Publish: a retry after a lost response would publish a second copy in one call.
                new SnsNotifier(aws.build(AwsClientSettings.SNS,
                        SnsClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()), callTimeout)),
                new DynamoDbIdempotencyStore(dynamoDb(), config.idempotencyTable()),
                imageLinks(),
                clock);
    }

    private DynamoDbEnhancedClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(aws.build(AwsClientSettings.DYNAMODB, DynamoDbClient.builder(), callTimeout))
                    .build();
        }
        return dynamoDb;
    }

    private S3Client s3() {
        if (s3 == null) {
            s3 = aws.s3(callTimeout);
        }
        return s3;
    }

    private SnsClient sns() {
        if (sns == null) {
            sns = aws.build(AwsClientSettings.SNS, SnsClient.builder(), provisioningTimeout);
        }
        return sns;
    }
}
