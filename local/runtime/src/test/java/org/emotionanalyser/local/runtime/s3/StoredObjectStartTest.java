package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.ingest.adapter.S3ImageStore;
import org.emotionanalyser.ingest.domain.ObjectStart;
import org.emotionanalyser.local.runtime.LocalServicesExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's one ranged read of an upload ({@link S3ImageStore#readStart}) against local S3 through the edge, as
 * the reader makes it: the size must come from S3Proxy's {@code Content-Range}, and an empty object, whose range
 * no store can satisfy, must read as empty rather than fail.
 */
class StoredObjectStartTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();
    private static final String BUCKET = "start-bucket";
    private static final byte[] PHOTO = new byte[200_000];

    @BeforeAll
    static void storeObjects() {
        Arrays.fill(PHOTO, (byte) 7);
        PHOTO[0] = (byte) 0xFF;
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        aws.s3().putObject(p -> p.bucket(BUCKET).key("uploads/acme/photo.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(PHOTO));
        aws.s3().putObject(p -> p.bucket(BUCKET).key("uploads/acme/empty.jpg"), RequestBody.empty());
    }

    private S3ImageStore store() {
        return new S3ImageStore(aws.s3());
    }

    @Test
    void readStart_whenTheObjectIsLongerThanTheRange_givesItsWholeSizeTypeAndFirstBytes() {
        ObjectStart start = store().readStart(BUCKET, "uploads/acme/photo.jpg", null, 65_536, 15_728_640)
                .orElseThrow();

        assertThat(start.metadata().size()).isEqualTo(PHOTO.length);
        assertThat(start.metadata().contentType()).isEqualTo("image/jpeg");
        assertThat(start.metadata().eTag()).isNotBlank();
        assertThat(start.leading()).isEqualTo(Arrays.copyOf(PHOTO, 65_536));
    }

    @Test
    void readStart_whenTheObjectIsOverTheLimit_givesItsSizeWithoutItsBytes() {
        ObjectStart start = store().readStart(BUCKET, "uploads/acme/photo.jpg", null, 65_536, 100_000)
                .orElseThrow();

        assertThat(start.metadata().size()).isEqualTo(PHOTO.length);
        assertThat(start.leading()).isEmpty();
    }

    @Test
    void readStart_whenTheObjectIsEmpty_givesSizeZero() {
        ObjectStart start = store().readStart(BUCKET, "uploads/acme/empty.jpg", null, 65_536, 15_728_640)
                .orElseThrow();

        assertThat(start.metadata().size()).isZero();
        assertThat(start.leading()).isEmpty();
    }

    @Test
    void readStart_whenTheObjectDoesNotExist_givesNothing() {
        assertThat(store().readStart(BUCKET, "uploads/acme/gone.jpg", null, 65_536, 15_728_640)).isEmpty();
    }
}
