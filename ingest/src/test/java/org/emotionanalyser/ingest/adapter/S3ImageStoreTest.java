package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ObjectMetadata;
import org.emotionanalyser.ingest.domain.ObjectMissingException;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.testing.AwsReplayServer;
import org.emotionanalyser.ingest.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real S3 client (path style, as in local mode) against a replaying endpoint. */
class S3ImageStoreTest {

    private static final String BUCKET = "images";
    private static final String KEY = "uploads/acme-events/beach party+1.jpg";

    private AwsReplayServer server;
    private S3Client s3;
    private S3ImageStore store;
    private final byte[] jpeg = TestImages.jpeg(640, 480);

    @BeforeEach
    void start() throws IOException {
        server = new AwsReplayServer().putObject(BUCKET, KEY, jpeg);
        s3 = server.clientSettings().build(S3Client.builder().forcePathStyle(true), Duration.ofSeconds(10));
        store = new S3ImageStore(s3);
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    @Test
    void head_whenObjectExists_returnsItsSizeAndETag() {
        ObjectMetadata metadata = store.head(BUCKET, KEY, null).orElseThrow();

        assertThat(metadata.size()).isEqualTo(jpeg.length);
        assertThat(metadata.eTag()).isNotBlank();
    }

    @Test
    void head_whenObjectIsMissing_returnsEmpty() {
        assertThat(store.head(BUCKET, "uploads/acme-events/gone.jpg", null)).isEmpty();
    }

    @Test
    void readPrefix_whenObjectIsLonger_asksForAByteRangeAndReturnsOnlyThoseBytes() {
        byte[] prefix = store.readPrefix(BUCKET, KEY, null, 100);

        assertThat(prefix).isEqualTo(Arrays.copyOf(jpeg, 100));
        assertThat(server.s3Requests()).containsExactly("GET " + BUCKET + "/" + KEY + " bytes=0-99");
    }

    @Test
    void readAll_whenObjectWasDeleted_throwsObjectMissing() {
        assertThatThrownBy(() -> store.readAll(BUCKET, "uploads/acme-events/gone.jpg", null))
                .isInstanceOf(ObjectMissingException.class);
    }

    @Test
    void head_whenS3KeepsFailing_throwsStoreUnavailableForLambdaToRetry() {
        server.failS3With(503);

        assertThatThrownBy(() -> store.head(BUCKET, KEY, null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("HTTP 503");
    }
}
