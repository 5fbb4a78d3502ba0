package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.tenants.port.ImageLinks;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * Presigned GET URLs for objects in the images bucket. Signing happens locally: no request reaches S3 until the
 * link is used.
 */
public final class S3ImageLinks implements ImageLinks, AutoCloseable {

    private final S3Presigner presigner;
    private final String bucket;

    public S3ImageLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    /**
     * A presigner with the function's region, credentials and, in local mode, endpoint. Local S3 is addressed
     * path-style, since bucket host names do not resolve on loopback.
     */
    public static S3Presigner presigner(AwsClientSettings settings) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials());
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    @Override
    public String presignedGet(String key, Duration validity) {
        return presigner.presignGetObject(request -> request
                        .signatureDuration(validity)
                        .getObjectRequest(get -> get.bucket(bucket).key(key)))
                .url()
                .toString();
    }

    @Override
    public void close() {
        presigner.close();
    }
}
