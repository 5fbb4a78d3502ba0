package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ObjectMissingException;
import org.emotionanalyser.ingest.domain.ObjectStart;
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
    private static final long MAX_BYTES = 15L * 1024 * 1024;

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
    void readStart_whenObjectIsLonger_asksForOneByteRangeAndTakesTheSizeFromContentRange() {
        ObjectStart start = store.readStart(BUCKET, KEY, null, 100, MAX_BYTES).orElseThrow();

        assertThat(start.leading()).isEqualTo(Arrays.copyOf(jpeg, 100));
        assertThat(start.metadata().size()).isEqualTo(jpeg.length);
        assertThat(start.metadata().eTag()).isNotBlank();
        assertThat(server.s3Requests()).containsExactly("GET " + BUCKET + "/" + KEY + " bytes=0-99");
    }

    @Test
    void readStart_whenObjectIsShorterThanTheRange_returnsAllOfIt() {
        ObjectStart start = store.readStart(BUCKET, KEY, null, jpeg.length + 1000, MAX_BYTES).orElseThrow();

        assertThat(start.leading()).isEqualTo(jpeg);
        assertThat(start.metadata().size()).isEqualTo(jpeg.length);
    }

    @Test
    void readStart_whenObjectIsOverTheLimit_returnsItsSizeAndNoBytes() {
        ObjectStart start = store.readStart(BUCKET, KEY, null, 100, jpeg.length - 1).orElseThrow();

        assertThat(start.metadata().size()).isEqualTo(jpeg.length);
        assertThat(start.leading()).isEmpty();
    }

    @Test
    void readStart_whenObjectIsMissing_returnsEmpty() {
        assertThat(store.readStart(BUCKET, "uploads/acme-events/gone.jpg", null, 100, MAX_BYTES)).isEmpty();
    }

    @Test
    void readAll_whenObjectWasDeleted_throwsObjectMissing() {
        assertThatThrownBy(() -> store.readAll(BUCKET, "uploads/acme-events/gone.jpg", null))
                .isInstanceOf(ObjectMissingException.class);
    }

    @Test
    void readStart_whenS3KeepsFailing_throwsStoreUnavailableForLambdaToRetry() {
        server.failS3With(503);

        assertThatThrownBy(() -> store.readStart(BUCKET, KEY, null, 100, MAX_BYTES))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("GetObject")
                .hasMessageContaining("HTTP 503");
    }
}
