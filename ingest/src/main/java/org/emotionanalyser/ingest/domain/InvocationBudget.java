package org.emotionanalyser.ingest.domain;

import java.time.Duration;

/**
 * How much time the current invocation has left. Retries of slow or throttled calls stop early enough that the
 * invocation can still publish its result (or fail cleanly) before the function's timeout cuts it off - a
 * timed-out invocation is retried by Lambda from the start and pays for the analysis again.
 */
@FunctionalInterface
public interface InvocationBudget {

    /** Time left before the invocation is cut off; zero or negative when it has run out. */
    Duration remaining();

    /** No deadline (tests, tools): only the analyser's own attempt limits apply. */
    static InvocationBudget unlimited() {
        return () -> Duration.ofDays(1);
    }
}
