package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Processes every message of a batch except those whose body is {@code poison}, which it reports as failed. */
public final class FlakyConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public FlakyConsumerHandler(Map<String, String> env) {
        TestFunctionCalls.ENVIRONMENTS.put(FlakyConsumerHandler.class.getName(), env);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        TestFunctionCalls.BATCH_SIZES.add(event.getRecords().size());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (message.getBody().equals("poison")) {
                TestFunctionCalls.REPORTED_FAILED.add(message.getBody());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            } else {
                TestFunctionCalls.CONSUMED.add(message.getBody());
            }
        }
        return new SQSBatchResponse(failures);
    }
}
