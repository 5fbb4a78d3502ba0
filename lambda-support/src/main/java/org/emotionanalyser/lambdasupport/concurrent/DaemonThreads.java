package org.emotionanalyser.lambdasupport.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread factories of background executors: a function's SDK timeout timer and local mode's services. Their
 * threads are daemons, so nothing left unclosed (a test that fails half-way, a main that returns) keeps the JVM
 * alive, and they are named after what they do, which is how thread dumps and the pipeline benchmark's
 * CPU-by-thread figures tell them apart.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads all named {@code name}. */
    public static ThreadFactory named(String name) {
        return runnable -> daemon(runnable, name);
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> daemon(runnable, prefix + "-" + number.incrementAndGet());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
