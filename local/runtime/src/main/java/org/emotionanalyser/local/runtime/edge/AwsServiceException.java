package org.emotionanalyser.local.runtime.edge;

/** An error a local service answers with, carrying the AWS error code clients branch on. */
public final class AwsServiceException extends RuntimeException {

    private final int status;
    private final String code;

    public AwsServiceException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
