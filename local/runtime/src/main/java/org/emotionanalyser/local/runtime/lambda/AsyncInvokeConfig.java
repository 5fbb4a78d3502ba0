package org.emotionanalyser.local.runtime.lambda;

/**
 * An {@code AWS::Lambda::EventInvokeConfig}: how asynchronous invocations of a function are retried and where
 * the ones that still fail are sent.
 *
 * @param functionName         the function
 * @param maximumRetryAttempts 0-2 retries after the first attempt
 * @param onFailureDestination an SQS queue or SNS topic ARN, or {@code null}
 */
public record AsyncInvokeConfig(String functionName, int maximumRetryAttempts, String onFailureDestination) {

    /** Lambda's default: two retries, no destination. */
    public static AsyncInvokeConfig defaults(String functionName) {
        return new AsyncInvokeConfig(functionName, 2, null);
    }
}
