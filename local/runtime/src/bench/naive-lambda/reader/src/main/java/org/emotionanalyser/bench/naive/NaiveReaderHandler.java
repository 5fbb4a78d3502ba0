package org.emotionanalyser.bench.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import org.emotionanalyser.ingest.IngestWiring;
import org.emotionanalyser.ingest.handler.ReaderHandler;

import java.util.Map;

/**
 * Benchmark baseline, never deployed: the reader built as a first Java Lambda commonly is. The same handler over
 * the same use case ({@link ReaderHandler} over {@link IngestWiring#uploadProcessor()}), its clients from
 * {@link DefaultSdkClients}, packed in a fat jar that keeps the SDK's default HTTP clients.
 */
public final class NaiveReaderHandler implements RequestHandler<S3Event, Void> {

    private final ReaderHandler reader;

    /** Used by Lambda. */
    public NaiveReaderHandler() {
        this(System.getenv());
    }

    /** With the function's environment (the cold-start probe). */
    public NaiveReaderHandler(Map<String, String> env) {
        reader = new ReaderHandler(IngestWiring.fromEnvironment(env, new DefaultSdkClients()).uploadProcessor());
    }

    @Override
    public Void handleRequest(S3Event event, Context context) {
        return reader.handleRequest(event, context);
    }
}
