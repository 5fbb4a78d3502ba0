package org.emotionanalyser.router.adapter;

/**
 * Pauses between retry attempts of an adapter. Production code passes {@code Thread::sleep}; tests pass a recorder
 * so retries are checked without waiting.
 */
@FunctionalInterface
public interface Sleeper {

    void sleep(long millis) throws InterruptedException;
}
