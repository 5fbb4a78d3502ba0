package org.emotionanalyser.local.runtime.s3;

/**
 * A {@code LambdaConfigurations} entry of a bucket's {@code NotificationConfiguration}.
 *
 * @param bucket      the bucket name
 * @param event       the S3 event type, e.g. {@code s3:ObjectCreated:*}
 * @param prefix      key prefix filter, empty for none
 * @param suffix      key suffix filter, empty for none
 * @param functionArn the function notified
 */
public record BucketNotification(String bucket, String event, String prefix, String suffix, String functionArn) {

    /** Whether an object-created event for this key should be delivered. */
    public boolean matches(String bucketName, String eventName, String key) {
        String wanted = event.startsWith("s3:") ? event.substring(3) : event;
        boolean eventMatches = wanted.endsWith("*")
                ? eventName.startsWith(wanted.substring(0, wanted.length() - 1))
                : eventName.equals(wanted);
        return bucket.equals(bucketName) && eventMatches && key.startsWith(prefix) && key.endsWith(suffix);
    }
}
