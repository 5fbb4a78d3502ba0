package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * The image handed to a {@link org.emotionanalyser.ingest.port.FaceAnalyzer}: either where it is stored (the
 * analyser reads it itself, nothing is downloaded) or its encoded bytes (after transcoding, or where the analyser
 * cannot reach the store).
 */
public sealed interface ImageReference permits ImageReference.StoredImage, ImageReference.EncodedImage {

    /** An object in a bucket; {@code versionId} may be null. */
    record StoredImage(String bucket, String key, String versionId) implements ImageReference {
        public StoredImage {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
        }
    }

    /** JPEG or PNG bytes. */
    record EncodedImage(byte[] bytes, ImageFormat format) implements ImageReference {
        public EncodedImage {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(format, "format");
        }

        @Override
        public String toString() {
            return "EncodedImage[" + format + ", " + bytes.length + " bytes]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EncodedImage that && format == that.format
                    && java.util.Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(bytes) + format.hashCode();
        }
    }
}
