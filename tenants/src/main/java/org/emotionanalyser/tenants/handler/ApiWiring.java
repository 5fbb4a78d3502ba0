package org.emotionanalyser.tenants.handler;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.emotionanalyser.router.aws.AwsClientSettings;
import org.emotionanalyser.tenants.TenantsConfig;
import org.emotionanalyser.tenants.adapter.AwsTenantResources;
import org.emotionanalyser.tenants.adapter.CloudWatchDeadLetterAlarms;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.adapter.S3ExportStore;
import org.emotionanalyser.tenants.adapter.S3ImageLinks;
import org.emotionanalyser.tenants.adapter.S3TenantObjects;
import org.emotionanalyser.tenants.adapter.SnsExportNotifier;
import org.emotionanalyser.tenants.adapter.SnsSubscriptions;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.TenantOnboarding;
import org.emotionanalyser.tenants.domain.TenantSubscriptions;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.port.DeadLetterAlarms;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the adapters and domain services of the API, authorizer and export functions from the environment.
 * Each function builds one wiring at init and asks it only for what it uses, so SDK clients a function does not
 * need are never created.
 */
final class ApiWiring {

    /** API calls answer a person waiting on an HTTP request; provisioning calls get a little longer. */
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROVISIONING_CALL_TIMEOUT = Duration.ofSeconds(20);

    private final TenantsConfig config;
    private final AwsClientSettings settings;
    private final Clock clock = Clock.systemUTC();
    private DynamoDbEnhancedClient dynamoDb;
    private S3Client s3;
    private SnsClient sns;
    private ImageLinks imageLinks;

    private ApiWiring(TenantsConfig config, AwsClientSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    static ApiWiring fromEnvironment(Map<String, String> env) {
        TenantsConfig config = TenantsConfig.fromEnvironment(env);
        return new ApiWiring(config, AwsClientSettings.fromEnvironment(config.environment()));
    }

    TenantsConfig config() {
        return config;
    }

    TenantDirectory tenantDirectory() {
        return new DynamoDbTenantDirectory(dynamoDb(), config.tenantsTable(), config.defaultEmotionThreshold(),
                config.defaultRetentionDays());
    }

    ImageCatalogue imageCatalogue() {
        return new DynamoDbImageCatalogue(dynamoDb(), config.imagesTable());
    }

    EmotionTimeline emotionTimeline() {
        return new DynamoDbEmotionTimeline(dynamoDb(), config::emotionTable);
    }

    S3TenantObjects tenantObjects() {
        return new S3TenantObjects(s3(), config.uploadBucket());
    }

    ImageLinks imageLinks() {
        if (imageLinks == null) {
            imageLinks = new S3ImageLinks(S3ImageLinks.presigner(settings), config.uploadBucket());
        }
        return imageLinks;
    }

    TenantOnboarding onboarding() {
        AwsTenantResources resources = new AwsTenantResources(
                settings.build(SqsClient.builder(), PROVISIONING_CALL_TIMEOUT),
                settings.build(EventBridgeClient.builder(), PROVISIONING_CALL_TIMEOUT),
                sns(),
                settings.build(LambdaClient.builder(), PROVISIONING_CALL_TIMEOUT),
                config.eventBusName(), config.consumerFunctionArn(), config.dlqMaxReceiveCount(),
                config.alarmTopicArn().<DeadLetterAlarms>map(topic -> new CloudWatchDeadLetterAlarms(
                        settings.build(CloudWatchClient.builder(), PROVISIONING_CALL_TIMEOUT), topic))
                        .orElse(DeadLetterAlarms.NONE));
        return new TenantOnboarding(tenantDirectory(), resources, tenantObjects(), imageCatalogue(),
                emotionTimeline(), new ApiKeys(), clock, config.resourcePrefix(), config.defaultEmotionThreshold(),
                config.defaultRetentionDays());
    }

    ImageQueries imageQueries() {
        return new ImageQueries(imageCatalogue(), emotionTimeline(), tenantObjects(), imageLinks(), clock);
    }

    TenantSubscriptions subscriptions() {
        return new TenantSubscriptions(tenantDirectory(), new SnsSubscriptions(sns()));
    }

    CsvExport csvExport() {
        return new CsvExport(emotionTimeline(), new S3ExportStore(s3(), config.uploadBucket()), imageLinks(),
                new SnsExportNotifier(sns()), tenantDirectory(), clock);
    }

    private DynamoDbEnhancedClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = DynamoDbEnhancedClient.builder()
                    .dynamoDbClient(settings.build(DynamoDbClient.builder(), API_CALL_TIMEOUT))
                    .build();
        }
        return dynamoDb;
    }

    private S3Client s3() {
        if (s3 == null) {
            // Local S3 endpoints only understand path-style addressing.
            s3 = settings.build(S3Client.builder().forcePathStyle(settings.endpoint().isPresent()), API_CALL_TIMEOUT);
        }
        return s3;
    }

    private SnsClient sns() {
        if (sns == null) {
            sns = settings.build(SnsClient.builder(), PROVISIONING_CALL_TIMEOUT);
        }
        return sns;
    }
}
