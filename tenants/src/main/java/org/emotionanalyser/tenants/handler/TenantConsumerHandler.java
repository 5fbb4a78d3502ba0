package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.router.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.TenantsConfig;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.tenants.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.adapter.S3ImageLinks;
import org.emotionanalyser.tenants.adapter.SnsNotifier;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.tenants.domain.CachingTenantDirectory;
import org.emotionanalyser.tenants.domain.RecordOutcome;
import org.emotionanalyser.tenants.domain.TenantResourceNames;
import org.emotionanalyser.tenants.domain.WrongTenantQueueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tenant consumer Lambda: reads a batch from a tenant's queue (bodies are EventBridge events carrying
 * {@code ImageAnalyzed} or {@code ImageRejected}) and records each with {@link AnalysisRecorder}.
 *
 * <p>Messages are independent: one that fails (not a contract event, unknown tenant, a store or topic error) is
 * reported in {@link SQSBatchResponse#getBatchItemFailures()} and retried alone, reaching the tenant's DLQ after the
 * queue's maxReceiveCount; the others are deleted. The event source mapping must enable
 * {@code ReportBatchItemFailures}.
 */
public final class TenantConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(TenantConsumerHandler.class);
    /** Each call is a single-item read or write, or one publish; a slow one fails the message, which is retried. */
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Settings changes (threshold, retention) reach a warm container within this time. */
    private static final Duration TENANT_CACHE_TTL = Duration.ofSeconds(30);

    private final AnalysisRecorder recorder;
    private final String resourcePrefix;

    /** Used by Lambda. */
    public TenantConsumerHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public TenantConsumerHandler(Map<String, String> env) {
        this(TenantsConfig.fromEnvironment(env));
    }

    private TenantConsumerHandler(TenantsConfig config) {
        this(wire(config), config.resourcePrefix());
    }

    /**
     * A consumer around an already wired recorder (tests, embedding).
     *
     * @param resourcePrefix the stack prefix; a message is only accepted from its own tenant's queue
     *                       {@code <prefix>-tenant-<tenantId>}
     */
    public TenantConsumerHandler(AnalysisRecorder recorder, String resourcePrefix) {
        this.recorder = recorder;
        this.resourcePrefix = resourcePrefix;
    }

    private static AnalysisRecorder wire(TenantsConfig config) {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(config.environment());
        DynamoDbEnhancedClient dynamoDb = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(settings.build(DynamoDbClient.builder(), API_CALL_TIMEOUT))
                .build();
        // No SDK retries for Publish: a retry after a lost response would publish a second copy in one call.
        SnsClient sns = settings.forService(config.environment(), "SNS").build(
                SnsClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()), API_CALL_TIMEOUT);
        return new AnalysisRecorder(
                new CachingTenantDirectory(new DynamoDbTenantDirectory(dynamoDb, config.tenantsTable(),
                        config.defaultEmotionThreshold(), config.defaultRetentionDays()),
                        TENANT_CACHE_TTL, Clock.systemUTC()),
                new DynamoDbImageCatalogue(dynamoDb, config.imagesTable()),
                new DynamoDbEmotionTimeline(dynamoDb, config::emotionTable),
                new SnsNotifier(sns),
                new DynamoDbIdempotencyStore(dynamoDb, config.idempotencyTable()),
                new S3ImageLinks(S3ImageLinks.presigner(settings.forService(config.environment(), "S3")),
                        config.uploadBucket()),
                Clock.systemUTC());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                RecordOutcome outcome = handle(message);
                LOG.info("message {}: {}", message.getMessageId(), outcome);
            } catch (RuntimeException failure) {
                String code = failure instanceof EmotionAnalyserException known ? known.code()
                        : failure.getClass().getName();
                LOG.error("message {} failed ({}) and will be redelivered, then dead-lettered after the queue's "
                        + "maxReceiveCount: {}", message.getMessageId(), code, failure.getMessage(), failure);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private RecordOutcome handle(SQSEvent.SQSMessage message) {
        AnalysisEvent event = EventJson.parseEnvelope(message.getBody()).detail();
        requireOwnQueue(message.getEventSourceArn(), event.tenantId());
        return recorder.record(event);
    }

    /** Defence in depth behind the per-tenant rules: see {@link WrongTenantQueueException}. */
    private void requireOwnQueue(String queueArn, String tenantId) {
        TenantId.require(tenantId);
        if (queueArn == null || queueArn.isBlank()) {
            return;
        }
        String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
        if (!queueName.equals(TenantResourceNames.of(resourcePrefix, tenantId).queueName())) {
            throw new WrongTenantQueueException(tenantId, queueName);
        }
    }
}
