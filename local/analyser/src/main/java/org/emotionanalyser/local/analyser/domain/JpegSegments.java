package org.emotionanalyser.local.analyser.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The marker segments of a JPEG before its first scan (where the metadata lives: JFIF, EXIF, ICC profile), read
 * from the bytes without decoding anything. The one walker of JPEG segments in the analyser.
 */
final class JpegSegments {

    private static final int START_OF_SCAN = 0xDA;

    private JpegSegments() {
    }

    /**
     * One segment: its marker (the byte after {@code 0xFF}), where it starts (the {@code 0xFF}) and where its
     * content (after the two length bytes) and the whole segment end, within the bytes it was read from.
     */
    record Segment(int marker, int start, int contentStart, int end) {

        /** Whether the content starts with {@code identifier} (e.g. {@code "Exif"}, {@code "ICC_PROFILE"}). */
        boolean startsWith(byte[] jpeg, String identifier) {
            byte[] expected = identifier.getBytes(StandardCharsets.US_ASCII);
            if (contentStart + expected.length > end) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                if (jpeg[contentStart + i] != expected[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The segments between the start-of-image marker and the first scan, in file order; empty when the bytes are
     * not a JPEG. A segment whose declared length runs past the bytes ends the list (a truncated file).
     */
    static List<Segment> beforeFirstScan(byte[] jpeg) {
        List<Segment> segments = new ArrayList<>();
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            return segments;
        }
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xff) == 0xFF) {
            int marker = jpeg[position + 1] & 0xff;
            int length = ((jpeg[position + 2] & 0xff) << 8) | (jpeg[position + 3] & 0xff);
            if (marker == START_OF_SCAN || length < 2 || position + 2 + length > jpeg.length) {
                break;
            }
            segments.add(new Segment(marker, position, position + 4, position + 2 + length));
            position += 2 + length;
        }
        return segments;
    }
}
