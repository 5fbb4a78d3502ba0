package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.PresignedUpload;
import org.emotionanalyser.ingest.port.UploadUrlSigner;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link UploadUrlSigner} on the S3 presigner (signature version 4, signing locally, no call to S3). */
public final class S3UploadUrlSigner implements UploadUrlSigner {

    private final S3Presigner presigner;

    public S3UploadUrlSigner(S3Presigner presigner) {
        this.presigner = presigner;
    }

    @Override
    public PresignedUpload presignPut(String bucket, String key, String contentType, long contentLength,
                                      Map<String, String> metadata, Duration validity) {
        // If-None-Match and Content-Length are signed headers: S3 refuses a request without them or with other
        // values (403), and refuses the second PUT of the key (412 PreconditionFailed), so the URL is single-use.
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request
                .signatureDuration(validity)
                .putObjectRequest(put -> put.bucket(bucket).key(key).contentType(contentType)
                        .contentLength(contentLength).ifNoneMatch("*").metadata(metadata)));
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
            // The HTTP client sets Host from the URL; every other signed header must be sent as signed.
            if (!"host".equalsIgnoreCase(header.getKey())) {
                headers.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        return new PresignedUpload(presigned.url().toString(), presigned.httpRequest().method().name(), headers,
                presigned.expiration());
    }
}
