package org.emotionanalyser.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats the pipeline accepts, recognised by their magic bytes (never by file name or declared type).
 * Rekognition reads JPEG and PNG itself; the others are transcoded to JPEG first.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg", true),
    PNG("image/png", "png", true),
    GIF("image/gif", "gif", false),
    BMP("image/bmp", "bmp", false),
    WEBP("image/webp", "webp", false);

    /** How many leading bytes {@link #detect(byte[])} needs to tell every format apart. */
    public static final int MAGIC_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String mediaType;
    private final String extension;
    private final boolean readByRekognition;

    ImageFormat(String mediaType, String extension, boolean readByRekognition) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.readByRekognition = readByRekognition;
    }

    /** The format whose signature starts these bytes, if any. */
    public static Optional<ImageFormat> detect(byte[] head) {
        if (head == null) {
            return Optional.empty();
        }
        if (startsWith(head, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(head, (byte) 'B', (byte) 'M') && head.length >= 14) {
            return Optional.of(BMP);
        }
        if (startsWith(head, ascii("RIFF")) && head.length >= 12
                && Arrays.equals(head, 8, 12, ascii("WEBP"), 0, 4)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * The format of a declared media type such as {@code Image/JPEG; charset=binary}: case-insensitive, parameters
     * ignored, {@code image/jpg} and {@code image/x-ms-bmp} accepted as the aliases browsers send.
     */
    public static Optional<ImageFormat> fromMediaType(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        int semicolon = mediaType.indexOf(';');
        String bare = (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return switch (bare) {
            case "image/jpeg", "image/jpg", "image/pjpeg" -> Optional.of(JPEG);
            case "image/png" -> Optional.of(PNG);
            case "image/gif" -> Optional.of(GIF);
            case "image/bmp", "image/x-ms-bmp", "image/x-bmp" -> Optional.of(BMP);
            case "image/webp" -> Optional.of(WEBP);
            default -> Optional.empty();
        };
    }

    /** Every accepted media type, for error messages. */
    public static List<String> acceptedMediaTypes() {
        return Arrays.stream(values()).map(ImageFormat::mediaType).toList();
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file extension used in upload keys. */
    public String extension() {
        return extension;
    }

    /** True when Rekognition can read this format directly (it still refuses some JPEG/PNG pixel layouts). */
    public boolean readByRekognition() {
        return readByRekognition;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] data, byte... prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
