package org.emotionanalyser.bench.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.tenants.TenantsWiring;
import org.emotionanalyser.tenants.handler.TenantConsumerHandler;

import java.util.Map;

/**
 * Benchmark baseline, never deployed: the tenant consumer built as a first Java Lambda commonly is. The same
 * handler over the same recorder ({@link TenantConsumerHandler} over {@link TenantsWiring#analysisRecorder()}), its
 * clients from {@link DefaultSdkClients}, packed in a fat jar that keeps the SDK's default HTTP clients.
 */
public final class NaiveConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final TenantConsumerHandler consumer;

    /** Used by Lambda. */
    public NaiveConsumerHandler() {
        this(System.getenv());
    }

    /** With the function's environment (the cold-start probe). */
    public NaiveConsumerHandler(Map<String, String> env) {
        TenantsWiring wiring = TenantsWiring.forConsumer(env, new DefaultSdkClients());
        consumer = new TenantConsumerHandler(wiring.analysisRecorder(), wiring.config().resourcePrefix());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handleRequest(event, context);
    }
}
