package org.emotionanalyser.local.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * Run by {@link ColdStartBenchmark} in a fresh JVM whose class path is a function's Lambda jar: does what the Lambda
 * Java runtime does on a cold start (load the handler class, construct it with the environment, deserialise the
 * event with the runtime's serialisers, invoke) and prints the phases in milliseconds as one line
 * ({@link ColdStartPhases}). The handler class needs a constructor taking the environment as a map; the benchmark
 * also gives the child JVM the same variables as its process environment, as Lambda does, for handlers that read
 * the SDK's default provider chains.
 *
 * <p>Arguments: handler class, event JSON file, environment properties file.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long jvmStartedAt = ManagementFactory.getRuntimeMXBean().getStartTime();
        Properties properties = new Properties();
        try (InputStream in = new FileInputStream(args[2])) {
            properties.load(in);
        }
        Map<String, String> env = new LinkedHashMap<>();
        properties.forEach((k, v) -> env.put((String) k, (String) v));
        Class<?> type = Class.forName(args[0]);
        Object handler = type.getConstructor(Map.class).newInstance(env);
        long initDoneAt = System.currentTimeMillis();
        Method method = null;
        for (Method m : type.getMethods()) {
            if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()) {
                method = m;
            }
        }
        if (method == null) {
            throw new IllegalStateException(args[0] + " has no handleRequest(event, context)");
        }
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> serializer = (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(
                method.getParameterTypes()[0], ColdStartProbe.class.getClassLoader());
        Object event;
        try (InputStream in = new FileInputStream(args[1])) {
            event = serializer.fromJson(in);
        }
        Object first = method.invoke(handler, event, context(args[0]));
        long firstDoneAt = System.currentTimeMillis();
        Object second = method.invoke(handler, serializerRoundTrip(serializer, args[1]), context(args[0]));
        long secondDoneAt = System.currentTimeMillis();
        requireNoFailedMessages(first);
        requireNoFailedMessages(second);
        System.out.println(new ColdStartPhases(mainAt - jvmStartedAt, initDoneAt - mainAt, firstDoneAt - initDoneAt,
                firstDoneAt - jvmStartedAt, secondDoneAt - firstDoneAt).line());
    }

    /**
     * An SQS handler reports a message it could not record (a store it could not reach, say) as a batch item
     * failure instead of throwing: such a run did not do the handler's work, so its timings must not count.
     */
    private static void requireNoFailedMessages(Object result) {
        if (result instanceof SQSBatchResponse batch && batch.getBatchItemFailures() != null
                && !batch.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("the handler reported " + batch.getBatchItemFailures().size()
                    + " failed message(s); see its log above");
        }
    }

    private static Object serializerRoundTrip(PojoSerializer<Object> serializer, String file) throws Exception {
        try (InputStream in = new FileInputStream(file)) {
            return serializer.fromJson(in);
        }
    }

    private static Context context(String handler) {
        String requestId = UUID.randomUUID().toString();
        return new Context() {
            @Override
            public String getAwsRequestId() {
                return requestId;
            }

            @Override
            public String getLogGroupName() {
                return "/aws/lambda/cold-start-probe";
            }

            @Override
            public String getLogStreamName() {
                return "probe";
            }

            @Override
            public String getFunctionName() {
                return handler.substring(handler.lastIndexOf('.') + 1);
            }

            @Override
            public String getFunctionVersion() {
                return "$LATEST";
            }

            @Override
            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
            }

            @Override
            public CognitoIdentity getIdentity() {
                return null;
            }

            @Override
            public ClientContext getClientContext() {
                return null;
            }

            @Override
            public int getRemainingTimeInMillis() {
                return 60_000;
            }

            @Override
            public int getMemoryLimitInMB() {
                return 1024;
            }

            @Override
            public LambdaLogger getLogger() {
                return new LambdaLogger() {
                    @Override
                    public void log(String message) {
                        System.err.println(message);
                    }

                    @Override
                    public void log(byte[] message) {
                        System.err.println(new String(message, StandardCharsets.UTF_8));
                    }
                };
            }
        };
    }
}
