package org.emotionanalyser.lambdasupport.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqsBatchProcessorTest {

    private final SqsBatchProcessor processor = SqsBatchProcessor.forHandler(SqsBatchProcessorTest.class);
    private final SQSEvent batch = EventFixtures.event("sqs-three-messages.json", SQSEvent.class);

    @Test
    void process_whenEveryMessageSucceeds_expectNoFailuresAndEachHandledOnceInOrder() {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = processor.process(batch, message -> handled.add(message.getBody()));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly("first", "second", "third");
    }

    @Test
    void process_whenOneMessageFails_expectOnlyItReportedAndTheRestStillHandled() {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = processor.process(batch, message -> {
            if (message.getBody().equals("second")) {
                throw new IllegalStateException("store unavailable");
            }
            return handled.add(message.getBody());
        });

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m2");
        assertThat(handled).containsExactly("first", "third");
    }

    @Test
    void process_whenEventHasNoRecords_expectEmptyResponse() {
        assertThat(processor.process(new SQSEvent(), message -> "unused").getBatchItemFailures()).isEmpty();
        assertThat(processor.process(null, message -> "unused").getBatchItemFailures()).isEmpty();
    }

    @Test
    void process_whenHandlerThrowsAnError_expectItPropagatesSoLambdaRedeliversTheBatch() {
        assertThatThrownBy(() -> processor.process(batch, message -> {
            throw new OutOfMemoryError("simulated");
        })).isInstanceOf(OutOfMemoryError.class);
    }
}
