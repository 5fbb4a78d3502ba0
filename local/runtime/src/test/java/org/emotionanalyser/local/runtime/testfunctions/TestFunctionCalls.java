package org.emotionanalyser.local.runtime.testfunctions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test functions saw, shared with the tests that run them in the same JVM. */
public final class TestFunctionCalls {

    /** Environment each test handler class was constructed with, by class name. */
    public static final Map<String, Map<String, String>> ENVIRONMENTS = new ConcurrentHashMap<>();
    /** Decoded S3 keys the recording reader was invoked with, one entry per attempt. */
    public static final List<String> READER_KEYS = new CopyOnWriteArrayList<>();
    /** Message bodies the flaky consumer processed successfully. */
    public static final List<String> CONSUMED = new CopyOnWriteArrayList<>();
    /** Message bodies the flaky consumer reported as failed, one entry per receive. */
    public static final List<String> REPORTED_FAILED = new CopyOnWriteArrayList<>();
    /** Sizes of the batches the flaky consumer received. */
    public static final List<Integer> BATCH_SIZES = new CopyOnWriteArrayList<>();

    private TestFunctionCalls() {
    }

    public static void reset() {
        ENVIRONMENTS.clear();
        READER_KEYS.clear();
        CONSUMED.clear();
        REPORTED_FAILED.clear();
        BATCH_SIZES.clear();
    }
}
