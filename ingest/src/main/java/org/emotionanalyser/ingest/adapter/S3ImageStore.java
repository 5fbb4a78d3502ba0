package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ObjectMetadata;
import org.emotionanalyser.ingest.domain.ObjectMissingException;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.port.ImageStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Map;
import java.util.Optional;

/** {@link ImageStore} on S3: HeadObject, ranged and whole GetObject, PutObject, DeleteObject. */
public final class S3ImageStore implements ImageStore {

    private final S3Client s3;

    public S3ImageStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<ObjectMetadata> head(String bucket, String key, String versionId) {
        try {
            HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key(key).versionId(versionId));
            return Optional.of(new ObjectMetadata(head.contentLength() == null ? 0 : head.contentLength(),
                    head.contentType(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                // HEAD responses have no body, so a missing key arrives as a bare 404.
                return Optional.empty();
            }
            throw unavailable("HeadObject", bucket, key, e);
        } catch (SdkException e) {
            throw unavailable("HeadObject", bucket, key, e);
        }
    }

    @Override
    public byte[] readPrefix(String bucket, String key, String versionId, int length) {
        return get(bucket, key, versionId, "bytes=0-" + (length - 1));
    }

    @Override
    public byte[] readAll(String bucket, String key, String versionId) {
        return get(bucket, key, versionId, null);
    }

    private byte[] get(String bucket, String key, String versionId, String range) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).versionId(versionId).range(range))
                    .asByteArray();
        } catch (NoSuchKeyException e) {
            throw new ObjectMissingException("s3://" + bucket + "/" + key + " was deleted before it was analysed");
        } catch (SdkException e) {
            throw unavailable("GetObject", bucket, key, e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw unavailable("PutObject", bucket, key, e);
        }
    }

    @Override
    public void delete(String bucket, String key, String versionId) {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key).versionId(versionId));
        } catch (SdkException e) {
            throw unavailable("DeleteObject", bucket, key, e);
        }
    }

    private static StoreUnavailableException unavailable(String operation, String bucket, String key,
                                                         SdkException e) {
        String status = e instanceof S3Exception s3Error ? " (HTTP " + s3Error.statusCode() + ")" : "";
        return new StoreUnavailableException(operation + " of s3://" + bucket + "/" + key + " failed" + status
                + ": " + e.getMessage() + "; retry later, and check the function's role may use the bucket", e);
    }
}
