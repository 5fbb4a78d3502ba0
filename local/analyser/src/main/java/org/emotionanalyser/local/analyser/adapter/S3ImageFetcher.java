package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.port.FetchedImage;
import org.emotionanalyser.local.analyser.port.ImageFetcher;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code S3Object} images from S3 (in local mode: the local S3 endpoint), as Rekognition reads them from the
 * caller's bucket. A missing bucket, key or version is "no such object", which the API reports as
 * {@code InvalidS3ObjectException}.
 */
public final class S3ImageFetcher implements ImageFetcher {

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** The most one byte array holds; {@link #fetch} has no limit of its own beyond it. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private final S3Client s3;

    public S3ImageFetcher(S3Client s3) {
        this.s3 = s3;
    }

    /** A fetcher whose client follows {@code AWS_REGION}, {@code AWS_ENDPOINT_URL} and credentials in {@code env}. */
    public static S3ImageFetcher fromEnvironment(Map<String, String> env) {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(env).forService(env, "S3");
        // path-style addressing: local S3 endpoints serve every bucket on one host name
        return new S3ImageFetcher(settings.build(S3Client.builder().forcePathStyle(true), API_CALL_TIMEOUT));
    }

    @Override
    public Optional<byte[]> fetch(String bucket, String key, String version) {
        return fetchIfChanged(bucket, key, version, null, MAX_ARRAY_BYTES) instanceof FetchedImage.Found found
                ? Optional.of(found.bytes()) : Optional.empty();
    }

    /**
     * A GetObject, conditional on {@code If-None-Match} when an entity tag is known (S3 then answers 304, no body).
     * The response's {@code Content-Length} is checked before its body is read, and the body is read only up to
     * {@code maxBytes} in case the length was not declared: an oversized object is never transferred whole.
     */
    @Override
    public FetchedImage fetchIfChanged(String bucket, String key, String version, String knownETag, long maxBytes) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        if (version != null) {
            request.versionId(version);
        }
        if (knownETag != null) {
            request.ifNoneMatch(knownETag);
        }
        long limit = Math.min(maxBytes, MAX_ARRAY_BYTES);
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(request.build())) {
            Long declared = object.response().contentLength();
            if (declared != null && declared > limit) {
                object.abort();
                return new FetchedImage.TooLarge(declared);
            }
            byte[] bytes = object.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                object.abort();
                return new FetchedImage.TooLarge(-1);
            }
            return new FetchedImage.Found(bytes, object.response().eTag());
        } catch (NoSuchKeyException | NoSuchBucketException missing) {
            return FetchedImage.MISSING;
        } catch (S3Exception e) {
            if (e.statusCode() == 304 && knownETag != null) {
                return new FetchedImage.Unchanged();
            }
            if (e.statusCode() == 404) {
                return FetchedImage.MISSING;
            }
            throw e;
        } catch (IOException e) {
            throw SdkClientException.create("GetObject of s3://" + bucket + "/" + key + " failed while reading: "
                    + e.getMessage(), e);
        }
    }
}
