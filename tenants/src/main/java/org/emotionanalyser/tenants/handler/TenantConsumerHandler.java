package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.lambdasupport.sqs.SqsBatchProcessor;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.router.domain.TenantResourceNames;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.TenantsWiring;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.tenants.domain.RecordOutcome;
import org.emotionanalyser.tenants.domain.WrongTenantQueueException;

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

    private static final SqsBatchProcessor BATCH = SqsBatchProcessor.forHandler(TenantConsumerHandler.class);

    private final AnalysisRecorder recorder;
    private final String resourcePrefix;

    /** Used by Lambda. */
    public TenantConsumerHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public TenantConsumerHandler(Map<String, String> env) {
        this(TenantsWiring.forConsumer(env));
    }

    private TenantConsumerHandler(TenantsWiring wiring) {
        this(wiring.analysisRecorder(), wiring.config().resourcePrefix());
    }

    /**
     * A consumer around an already wired recorder (tests, embedding).
     *
     * @param resourcePrefix the stack prefix; a message is only accepted from its own tenant's queue
     *                       {@code <prefix>-tenant_<tenantId>}
     */
    public TenantConsumerHandler(AnalysisRecorder recorder, String resourcePrefix) {
        this.recorder = recorder;
        this.resourcePrefix = resourcePrefix;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return BATCH.process(event, this::handle);
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
