package org.emotionanalyser.local.runtime.services;

/** An error a local service answers with, carrying the AWS error code clients branch on. */
final class AwsServiceException extends RuntimeException {

    private final int status;
    private final String code;

    AwsServiceException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
