package org.emotionanalyser.local.analyser.domain;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG: how a camera that stored the pixels sideways wants them turned
 * for display. Rekognition applies it before analysing, and reports boxes on the turned image; so does the local
 * analyser. ImageIO ignores it, hence this small reader (the tag is in IFD0 of the APP1 "Exif" segment).
 */
final class ExifOrientation {

    /** The orientation when the image has none: pixels are stored as displayed. */
    static final int NORMAL = 1;

    private ExifOrientation() {
    }

    /** The orientation 1..8, or {@link #NORMAL} when the bytes are not a JPEG or carry no valid tag. */
    static int of(byte[] image) {
        if (image.length < 4 || (image[0] & 0xff) != 0xFF || (image[1] & 0xff) != 0xD8) {
            return NORMAL;
        }
        int pos = 2;
        while (pos + 4 <= image.length && (image[pos] & 0xff) == 0xFF) {
            int marker = image[pos + 1] & 0xff;
            int length = ((image[pos + 2] & 0xff) << 8) | (image[pos + 3] & 0xff);
            if (marker == 0xDA || length < 2) { // start of scan: no metadata after this
                return NORMAL;
            }
            int segment = pos + 4;
            if (marker == 0xE1 && segment + 14 <= image.length && new String(image, segment, 4, java.nio.charset.StandardCharsets.US_ASCII).equals("Exif")) {
                return fromTiff(image, segment + 6, Math.min(image.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return NORMAL;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        boolean little = b[tiff] == 'I';
        int ifd = tiff + read(b, tiff + 4, 4, little);
        if (ifd < tiff || ifd + 2 > end) {
            return NORMAL;
        }
        int entries = read(b, ifd, 2, little);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return NORMAL;
            }
            if (read(b, entry, 2, little) == 0x0112) {
                int value = read(b, entry + 8, 2, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int read(byte[] b, int at, int bytes, boolean little) {
        int value = 0;
        for (int i = 0; i < bytes; i++) {
            int octet = b[at + (little ? bytes - 1 - i : i)] & 0xff;
            value = (value << 8) | octet;
        }
        return value;
    }
}
