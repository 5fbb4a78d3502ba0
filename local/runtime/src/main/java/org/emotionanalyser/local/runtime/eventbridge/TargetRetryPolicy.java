package org.emotionanalyser.local.runtime.eventbridge;

/**
 * A rule target's {@code RetryPolicy}: how often and for how long EventBridge retries a delivery that failed for a
 * reason that may pass (throttling, an unreachable or failing target) before it gives the event to the target's
 * dead-letter queue, or drops it when the target has none.
 *
 * @param maximumRetryAttempts     retries after the first attempt, 0 to 185
 * @param maximumEventAgeInSeconds how long after the first attempt the event may still be delivered, 60 to 86,400
 */
public record TargetRetryPolicy(int maximumRetryAttempts, int maximumEventAgeInSeconds) {

    /** What EventBridge uses for a target without a retry policy: 185 retries within 24 hours. */
    public static final TargetRetryPolicy DEFAULT = new TargetRetryPolicy(185, 86_400);

    /** Why PutTargets refuses the policy, or {@code null} when it is within EventBridge's limits. */
    String problem() {
        if (maximumRetryAttempts < 0 || maximumRetryAttempts > 185) {
            return "RetryPolicy.MaximumRetryAttempts must be between 0 and 185.";
        }
        if (maximumEventAgeInSeconds < 60 || maximumEventAgeInSeconds > 86_400) {
            return "RetryPolicy.MaximumEventAgeInSeconds must be between 60 and 86400.";
        }
        return null;
    }
}
