package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that does what its event says: {@code {"do":"sleep","millis":N}}, {@code {"do":"oom"}} (a real
 * {@link OutOfMemoryError}: it asks for a 16 GB array) or anything else to answer {@code ok}. It counts instances
 * and the most invocations running at once.
 */
public final class MisbehavingHandler implements RequestHandler<Map<String, Object>, String> {

    public static final AtomicInteger INSTANCES = new AtomicInteger();
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();

    public MisbehavingHandler(Map<String, String> env) {
        INSTANCES.incrementAndGet();
    }

    public static void reset() {
        INSTANCES.set(0);
        RUNNING.set(0);
        MOST_AT_ONCE.set(0);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            Object action = event.get("do");
            if ("sleep".equals(action)) {
                Thread.sleep(((Number) event.get("millis")).longValue());
            } else if ("oom".equals(action)) {
                long[] tooBig = new long[Integer.MAX_VALUE - 8];
                return "allocated " + tooBig.length;
            }
            return "ok";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            RUNNING.decrementAndGet();
        }
    }
}
