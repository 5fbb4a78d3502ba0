package org.emotionanalyser.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One function, run the way the Lambda Java runtime runs it: the handler class named by the template is
 * instantiated once (with its environment map), events arrive as JSON and are deserialised with the runtime's own
 * serialisers ({@code aws-lambda-java-serialization}), the result is serialised back to JSON.
 *
 * <p>Like one Lambda execution environment, the instance handles one invocation at a time (reserved concurrency
 * 1), so handler code never sees concurrent calls locally that it would not see in Lambda.
 */
public final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionDefinition definition;
    private final Object handler;
    private final Method method;
    private final boolean streaming;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final ReentrantLock oneAtATime = new ReentrantLock();

    private LocalFunction(FunctionDefinition definition, Object handler, Method method, boolean streaming,
                          PojoSerializer<Object> input, PojoSerializer<Object> output) {
        this.definition = definition;
        this.handler = handler;
        this.method = method;
        this.streaming = streaming;
        this.input = input;
        this.output = output;
    }

    /**
     * Instantiates the handler with {@code new Handler(environment)}, as the function's init phase would.
     *
     * @throws FunctionInitException when the class is missing, has no {@code (Map)} constructor, or its
     *                               constructor throws
     */
    public static LocalFunction load(FunctionDefinition definition, Map<String, String> environment,
                                     ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(definition.handlerClass(), true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionInitException(definition.name(), "handler class " + definition.handlerClass()
                    + " is not on the classpath; build and install the module that contains it", e);
        }
        Object handler;
        try {
            Constructor<?> constructor = type.getConstructor(Map.class);
            handler = constructor.newInstance(Map.copyOf(environment));
        } catch (NoSuchMethodException e) {
            throw new FunctionInitException(definition.name(), definition.handlerClass()
                    + " has no public constructor taking Map<String, String> env (see docs/conventions.md)", e);
        } catch (InvocationTargetException e) {
            throw new FunctionInitException(definition.name(), "the constructor of " + definition.handlerClass()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionInitException(definition.name(), "cannot instantiate " + definition.handlerClass(), e);
        }
        Method method = handlerMethod(type, definition);
        boolean streaming = method.getParameterCount() == 3;
        PojoSerializer<Object> in = streaming ? null : serializer(method.getParameterTypes()[0], classLoader);
        PojoSerializer<Object> out = streaming || method.getReturnType() == void.class
                || method.getReturnType() == Void.class ? null : serializer(method.getReturnType(), classLoader);
        return new LocalFunction(definition, handler, method, streaming, in, out);
    }

    private static Method handlerMethod(Class<?> type, FunctionDefinition definition) {
        Method best = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(definition.handlerMethod()) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            boolean plain = p.length == 2 && p[1] == Context.class;
            boolean stream = p.length == 3 && p[0] == InputStream.class && p[1] == OutputStream.class
                    && p[2] == Context.class;
            if ((plain || stream) && (best == null || best.getParameterTypes()[0] == Object.class)) {
                best = m;
            }
        }
        if (best == null) {
            throw new FunctionInitException(definition.name(), definition.handlerClass() + " has no method "
                    + definition.handlerMethod() + "(Input, Context) or (InputStream, OutputStream, Context)", null);
        }
        return best;
    }

    /** Event classes get the runtime's event serialisers (mixins included); other types its plain Jackson one. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type, ClassLoader classLoader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, classLoader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /**
     * Runs one invocation.
     *
     * @param eventJson the event as Lambda would pass it
     * @return the result as JSON, or {@code null} for a {@code void}/{@code Void} handler
     * @throws FunctionInvocationException when the handler throws
     */
    public String invoke(String eventJson) {
        String requestId = UUID.randomUUID().toString();
        LocalLambdaContext context = new LocalLambdaContext(definition.name(), definition.arn(), requestId,
                definition.timeoutSeconds());
        oneAtATime.lock();
        long started = System.nanoTime();
        try {
            byte[] eventBytes = eventJson.getBytes(StandardCharsets.UTF_8);
            if (streaming) {
                ByteArrayOutputStream result = new ByteArrayOutputStream();
                method.invoke(handler, new ByteArrayInputStream(eventBytes), result, context);
                return result.size() == 0 ? null : result.toString(StandardCharsets.UTF_8);
            }
            Object event = input.fromJson(new ByteArrayInputStream(eventBytes));
            Object result = method.invoke(handler, event, context);
            if (output == null || result == null) {
                return null;
            }
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            output.toJson(result, json);
            return json.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw new FunctionInvocationException(definition.name(), e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new FunctionInvocationException(definition.name(), e);
        } finally {
            oneAtATime.unlock();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > definition.timeoutSeconds() * 1000L) {
                // Lambda would have stopped this invocation; locally it ran to the end, so say so loudly.
                LOG.warn("{} took {} ms, longer than its {} s timeout: in Lambda this invocation would time out",
                        definition.name(), millis, definition.timeoutSeconds());
            }
        }
    }
}
