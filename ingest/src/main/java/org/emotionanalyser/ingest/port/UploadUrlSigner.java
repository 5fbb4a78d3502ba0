package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.PresignedUpload;

import java.time.Duration;
import java.util.Map;

/** Issues URLs that let a client PUT one object directly into the store. */
public interface UploadUrlSigner {

    /**
     * A URL valid for {@code validity} that accepts one PUT of the given key with exactly this content type and
     * user metadata (names without the {@code x-amz-meta-} prefix).
     */
    PresignedUpload presignPut(String bucket, String key, String contentType, Map<String, String> metadata,
                               Duration validity);
}
