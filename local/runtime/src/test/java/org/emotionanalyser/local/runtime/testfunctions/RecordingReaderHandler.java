package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

import java.util.Map;

/** Records each object key it is invoked for; fails every time for keys containing {@code fail}. */
public final class RecordingReaderHandler implements RequestHandler<S3Event, Void> {

    public RecordingReaderHandler(Map<String, String> env) {
        TestFunctionCalls.ENVIRONMENTS.put(RecordingReaderHandler.class.getName(), env);
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        event.getRecords().forEach(record -> {
            String key = record.getS3().getObject().getUrlDecodedKey();
            TestFunctionCalls.READER_KEYS.add(key);
            if (key.contains("fail")) {
                throw new IllegalArgumentException("cannot read " + key);
            }
        });
        return null;
    }
}
