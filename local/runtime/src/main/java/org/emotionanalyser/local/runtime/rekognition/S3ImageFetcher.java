package org.emotionanalyser.local.runtime.rekognition;

import org.emotionanalyser.local.analyser.port.ImageFetcher;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;

/** Reads the images Rekognition requests name by {@code S3Object} from the local S3 server. */
public final class S3ImageFetcher implements ImageFetcher {

    private final S3Client s3;

    public S3ImageFetcher(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<byte[]> fetch(String bucket, String key, String version) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).versionId(version)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
