package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.PresignedUpload;

import java.time.Duration;
import java.util.Map;

/** Issues URLs that let a client PUT one object directly into the store. */
public interface UploadUrlSigner {

    /**
     * A URL valid for {@code validity} that accepts one PUT of the given key with exactly this content type,
     * length and user metadata (names without the {@code x-amz-meta-} prefix), and only while no object has that
     * key: the conditional header {@code If-None-Match: *} is signed too, so replaying the URL is refused (412).
     */
    PresignedUpload presignPut(String bucket, String key, String contentType, long contentLength,
                               Map<String, String> metadata, Duration validity);
}
