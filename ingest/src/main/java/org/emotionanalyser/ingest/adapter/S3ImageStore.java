package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ObjectMetadata;
import org.emotionanalyser.ingest.domain.ObjectMissingException;
import org.emotionanalyser.ingest.domain.ObjectStart;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.port.ImageStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@link ImageStore} on S3: ranged and whole GetObject, PutObject, DeleteObject. */
public final class S3ImageStore implements ImageStore {

    private final S3Client s3;

    public S3ImageStore(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * One ranged GetObject: the size comes from {@code Content-Range} (or {@code Content-Length} when a store
     * ignores the range), and is checked before the body is read. A range starting at 0 is unsatisfiable (416)
     * only for an empty object.
     */
    @Override
    public Optional<ObjectStart> readStart(String bucket, String key, String versionId, int length, long maxBytes) {
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(request -> request.bucket(bucket).key(key)
                .versionId(versionId).range("bytes=0-" + (length - 1)))) {
            GetObjectResponse response = object.response();
            ObjectMetadata metadata = new ObjectMetadata(totalSize(response, bucket, key), response.contentType(),
                    response.eTag());
            if (metadata.size() > maxBytes) {
                object.abort();
                return Optional.of(new ObjectStart(metadata, new byte[0]));
            }
            byte[] leading = object.readNBytes(length);
            if (response.contentRange() == null && metadata.size() > leading.length) {
                // the rest of a body sent whole (range ignored) is not wanted; a ranged reply was read to its end
                object.abort();
            }
            return Optional.of(new ObjectStart(metadata, leading));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            if (e.statusCode() == 416) {
                return Optional.of(new ObjectStart(new ObjectMetadata(0, null, null), new byte[0]));
            }
            throw unavailable("GetObject", bucket, key, e);
        } catch (SdkException e) {
            throw unavailable("GetObject", bucket, key, e);
        } catch (IOException e) {
            throw unavailable("GetObject", bucket, key, SdkClientException.create(e.getMessage(), e));
        }
    }

    /** The object's whole size: the total of {@code bytes 0-65535/1234567}, or the length of an unranged reply. */
    private static long totalSize(GetObjectResponse response, String bucket, String key) {
        String range = response.contentRange();
        if (range == null) {
            return response.contentLength() == null ? 0 : response.contentLength();
        }
        int slash = range.lastIndexOf('/');
        try {
            return Long.parseLong(range.substring(slash + 1).trim());
        } catch (NumberFormatException e) {
            throw new StoreUnavailableException("GetObject of s3://" + bucket + "/" + key + " answered Content-Range '"
                    + range + "' without the object's size; retry later", e);
        }
    }

    @Override
    public byte[] readAll(String bucket, String key, String versionId) {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key).versionId(versionId))
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
