package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.port.ImageLinks;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.time.Duration;

/**
 * Presigned GET URLs for objects in the images bucket. Signing happens locally: no request reaches S3 until the
 * link is used. The presigner comes from {@code AwsClientSettings.s3Presigner()}.
 */
public final class S3ImageLinks implements ImageLinks, AutoCloseable {

    private final S3Presigner presigner;
    private final String bucket;

    public S3ImageLinks(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
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
