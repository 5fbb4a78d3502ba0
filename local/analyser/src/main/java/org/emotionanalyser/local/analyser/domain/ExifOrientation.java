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
        for (JpegSegments.Segment segment : JpegSegments.beforeFirstScan(image)) {
            if (segment.marker() == 0xE1 && segment.contentStart() + 14 <= segment.end()
                    && segment.startsWith(image, "Exif")) {
                return fromTiff(image, segment.contentStart() + 6, segment.end());
            }
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
