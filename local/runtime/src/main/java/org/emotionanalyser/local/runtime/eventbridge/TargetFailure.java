package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.local.runtime.sqs.QueueAccessDeniedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Why a delivery to a queue target failed, in EventBridge's dead-letter {@code ERROR_CODE} terms, and whether
 * EventBridge would retry it: a missing target, a queue whose policy does not let EventBridge send, or a request the
 * target refuses fails the same way every time and goes straight to the dead-letter queue; throttling, timeouts,
 * connection failures and server errors may pass.
 *
 * @param errorCode    {@code NO_RESOURCE}, {@code NO_PERMISSIONS}, {@code INVALID_PARAMETER}, {@code THROTTLING},
 *                     {@code TIMEOUT}, {@code CONNECTION_FAILURE}, {@code ERROR_FROM_TARGET} or {@code UNKNOWN}
 * @param errorMessage what went wrong, never empty
 * @param retryable    whether the delivery is retried within the target's retry policy
 */
record TargetFailure(String errorCode, String errorMessage, boolean retryable) {

    static TargetFailure of(RuntimeException failure) {
        String message = failure.getMessage() == null || failure.getMessage().isBlank()
                ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof QueueAccessDeniedException) {
            return new TargetFailure("NO_PERMISSIONS", message, false);
        }
        if (failure instanceof QueueDoesNotExistException || failure instanceof SqsException sqs
                && sqs.awsErrorDetails() != null && sqs.awsErrorDetails().errorCode() != null
                && sqs.awsErrorDetails().errorCode().contains("NonExistentQueue")) {
            return new TargetFailure("NO_RESOURCE", message, false);
        }
        if (failure instanceof SdkServiceException service) {
            if (service.isThrottlingException()) {
                return new TargetFailure("THROTTLING", message, true);
            }
            return service.statusCode() >= 500 ? new TargetFailure("ERROR_FROM_TARGET", message, true)
                    : new TargetFailure("INVALID_PARAMETER", message, false);
        }
        if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
            return new TargetFailure("TIMEOUT", message, true);
        }
        if (failure instanceof SdkClientException) {
            return new TargetFailure("CONNECTION_FAILURE", message, true);
        }
        return new TargetFailure("UNKNOWN", message, true);
    }
}
