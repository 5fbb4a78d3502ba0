package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler that does what its event says: {@code {"do":"sleep","millis":N}}, {@code {"do":"oom"}} (a real
 * {@link OutOfMemoryError}: it asks for a 16 GB array), an SQS batch (recorded, 300 ms of work) or anything else
 * to answer {@code ok}. It counts instances
 * and the most invocations running at once.
 */
public final class MisbehavingHandler implements RequestHandler<Map<String, Object>, String> {

    public static final AtomicInteger INSTANCES = new AtomicInteger();
    public static final AtomicInteger RUNNING = new AtomicInteger();
    public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
    /** The number of records of each SQS batch received (an event with {@code Records}), slept on 300 ms each. */
    public static final java.util.Queue<Integer> BATCH_SIZES = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public MisbehavingHandler(Map<String, String> env) {
        INSTANCES.incrementAndGet();
    }

    public static void reset() {
        INSTANCES.set(0);
        RUNNING.set(0);
        MOST_AT_ONCE.set(0);
        BATCH_SIZES.clear();
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        MOST_AT_ONCE.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
        try {
            Object action = event.get("do");
            if (event.get("Records") instanceof java.util.List<?> records) {
                BATCH_SIZES.add(records.size());
                Thread.sleep(300);
            } else if ("sleep".equals(action)) {
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
