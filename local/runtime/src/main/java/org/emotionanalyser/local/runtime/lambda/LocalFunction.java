package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
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
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One function, run the way the Lambda Java runtime runs it: the handler class named by the template is
 * instantiated (with its environment map) once per execution environment, events arrive as JSON and are
 * deserialised with the runtime's own serialisers ({@code aws-lambda-java-serialization}), the result is
 * serialised back to JSON.
 *
 * <p>Like Lambda, a function runs up to its concurrency at once ({@code ReservedConcurrentExecutions}, else the
 * runtime's default), each invocation on its own handler instance (an "execution environment": handler code never
 * sees concurrent calls), further invocations wait for a free one. Each invocation runs on the function's own
 * threads with the template's {@code Timeout} enforced: past it the invocation is interrupted, its environment
 * discarded and the caller gets a timeout error, which the async invoker and the SQS pollers retry as Lambda does.
 * Anything the handler throws, {@link OutOfMemoryError} included, is that invocation's failure; after an
 * {@link Error} the environment is discarded, as Lambda restarts it.
 */
public final class LocalFunction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);
    /** Lambda's error type for an invocation stopped at its timeout. */
    public static final String TIMEOUT_ERROR_TYPE = "Sandbox.Timedout";

    private final FunctionDefinition definition;
    private final Constructor<?> constructor;
    private final Map<String, String> environment;
    private final Method method;
    private final boolean streaming;
    private final PojoSerializer<Object> input;
    private final PojoSerializer<Object> output;
    private final int concurrency;
    private final Semaphore environments;
    private final Deque<Object> idle = new ConcurrentLinkedDeque<>();
    private final ExecutorService threads;

    private LocalFunction(FunctionDefinition definition, Constructor<?> constructor, Map<String, String> environment,
                          Object firstHandler, Method method, boolean streaming, PojoSerializer<Object> input,
                          PojoSerializer<Object> output, int concurrency) {
        this.definition = definition;
        this.constructor = constructor;
        this.environment = environment;
        this.method = method;
        this.streaming = streaming;
        this.input = input;
        this.output = output;
        this.concurrency = concurrency;
        this.environments = new Semaphore(concurrency, true);
        this.idle.push(firstHandler);
        // Unbounded on purpose: a thread that ignores its interruption after a timeout keeps running, and the next
        // invocations must still get threads of their own. Concurrency is bounded by the semaphore.
        this.threads = Executors.newCachedThreadPool(DaemonThreads.numbered("lambda-" + definition.name()));
    }

    /** Loads a function with a concurrency of 1 unless the template reserves more. */
    public static LocalFunction load(FunctionDefinition definition, Map<String, String> environment,
                                     ClassLoader classLoader) {
        return load(definition, environment, classLoader, 1);
    }

    /**
     * Instantiates the handler with {@code new Handler(environment)}, as the function's init phase would.
     *
     * @param defaultConcurrency how many invocations run at once when the template reserves no concurrency
     * @throws FunctionInitException when the class is missing, has no {@code (Map)} constructor, or its
     *                               constructor throws
     */
    public static LocalFunction load(FunctionDefinition definition, Map<String, String> environment,
                                     ClassLoader classLoader, int defaultConcurrency) {
        Class<?> type;
        try {
            type = Class.forName(definition.handlerClass(), true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FunctionInitException(definition.name(), "handler class " + definition.handlerClass()
                    + " is not on the classpath; build and install the module that contains it", e);
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor(Map.class);
        } catch (NoSuchMethodException e) {
            throw new FunctionInitException(definition.name(), definition.handlerClass()
                    + " has no public constructor taking Map<String, String> env (see docs/conventions.md)", e);
        }
        Map<String, String> env = Map.copyOf(environment);
        Object handler = instantiate(definition, constructor, env);
        Method method = handlerMethod(type, definition);
        boolean streaming = method.getParameterCount() == 3;
        PojoSerializer<Object> in = streaming ? null : serializer(method.getParameterTypes()[0], classLoader);
        PojoSerializer<Object> out = streaming || method.getReturnType() == void.class
                || method.getReturnType() == Void.class ? null : serializer(method.getReturnType(), classLoader);
        int concurrency = Math.max(1, definition.reservedConcurrency() != null
                ? definition.reservedConcurrency() : defaultConcurrency);
        return new LocalFunction(definition, constructor, env, handler, method, streaming, in, out, concurrency);
    }

    private static Object instantiate(FunctionDefinition definition, Constructor<?> constructor,
                                      Map<String, String> environment) {
        try {
            return constructor.newInstance(environment);
        } catch (InvocationTargetException e) {
            throw new FunctionInitException(definition.name(), "the constructor of " + definition.handlerClass()
                    + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new FunctionInitException(definition.name(), "cannot instantiate " + definition.handlerClass(), e);
        }
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

    /** How many invocations of this function run at once. */
    public int concurrency() {
        return concurrency;
    }

    /**
     * Runs one invocation, waiting for a free execution environment first when all are busy.
     *
     * @param eventJson the event as Lambda would pass it
     * @return the result as JSON, or {@code null} for a {@code void}/{@code Void} handler
     * @throws FunctionInvocationException when the handler throws (any {@link Throwable}) or runs past its
     *                                     timeout ({@link #TIMEOUT_ERROR_TYPE})
     */
    public String invoke(String eventJson) {
        return invoke(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #invoke(String)}, with the event's JSON as UTF-8 bytes: what a large event (an API Gateway upload's
     * base64 body) is written as, so it is never copied into a String and back.
     */
    public String invoke(byte[] eventJson) {
        try {
            environments.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException(definition.name(), e);
        }
        try {
            Object handler = idle.poll();
            if (handler == null) {
                handler = instantiate(definition, constructor, environment);
            }
            return invokeOn(handler, eventJson);
        } catch (FunctionInitException e) {
            throw new FunctionInvocationException(definition.name(), e);
        } finally {
            environments.release();
        }
    }

    private String invokeOn(Object handler, byte[] eventJson) {
        String requestId = UUID.randomUUID().toString();
        LocalLambdaContext context = new LocalLambdaContext(definition.name(), definition.arn(), requestId,
                definition.timeoutSeconds());
        Future<String> running = threads.submit(() -> run(handler, eventJson, context));
        try {
            String result = running.get(definition.timeoutSeconds(), TimeUnit.SECONDS);
            idle.push(handler);
            return result;
        } catch (TimeoutException e) {
            running.cancel(true);
            // The environment may be stuck mid-call: Lambda discards it, and so do we.
            LOG.warn("{} timed out after {} s (request {}); its environment is discarded", definition.name(),
                    definition.timeoutSeconds(), requestId);
            throw FunctionInvocationException.timedOut(definition.name(), definition.timeoutSeconds());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!(cause instanceof Error)) {
                idle.push(handler);
            } else {
                LOG.error("{} failed with {} (request {}); its environment is discarded", definition.name(),
                        cause.toString(), requestId);
            }
            throw new FunctionInvocationException(definition.name(), cause);
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException(definition.name(), e);
        }
    }

    /** The invocation itself, on one of the function's threads; whatever the handler throws is rethrown as is. */
    private String run(Object handler, byte[] eventBytes, LocalLambdaContext context) throws Exception {
        try {
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
            if (e.getCause() instanceof Exception thrown) {
                throw thrown;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the function's threads; running invocations are interrupted. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
