package org.emotionanalyser.ingest.domain;

import java.nio.charset.StandardCharsets;

/**
 * The file name a client gave an upload, kept only as object metadata ({@code original-name}) for people to read;
 * object keys never contain it. Sanitised: folders dropped, control and invisible formatting characters (such as
 * right-to-left overrides) removed, whitespace collapsed, at most {@value #MAX_LENGTH} characters.
 */
public record OriginalName(String value) {

    public static final int MAX_LENGTH = 200;
    /** The user metadata key holding the name. */
    public static final String METADATA_KEY = "original-name";

    /**
     * Sanitises a client-supplied name.
     *
     * @throws InvalidUploadException when nothing usable is left
     */
    public static OriginalName of(String raw) {
        if (raw == null) {
            throw new InvalidUploadException("'name' is required: give the image's file name, e.g. \"party.jpg\"");
        }
        String fileName = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < fileName.length(); ) {
            int codePoint = fileName.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
                continue;
            }
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                space = clean.length() > 0;
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            if (clean.codePointCount(0, clean.length()) >= MAX_LENGTH) {
                break;
            }
            clean.appendCodePoint(codePoint);
        }
        if (clean.length() == 0) {
            throw new InvalidUploadException("'name' has no printable characters: give the image's file name, "
                    + "e.g. \"party.jpg\"");
        }
        return new OriginalName(clean.toString());
    }

    /**
     * The name as an S3 metadata value, which must be printable US-ASCII: other characters and {@code %} are
     * percent-encoded as UTF-8 (RFC 3986), so {@code café.jpg} is stored as {@code caf%C3%A9.jpg}.
     */
    public String forMetadata() {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int unsigned = b & 0xff;
            if (unsigned >= 0x20 && unsigned < 0x7f && unsigned != '%') {
                encoded.append((char) unsigned);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(unsigned >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(unsigned & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
