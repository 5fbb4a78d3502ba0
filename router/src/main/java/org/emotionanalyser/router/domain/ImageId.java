package org.emotionanalyser.router.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Image ids: 32 lowercase hex characters.
 *
 * <p>The upload API names objects {@code uploads/{tenantId}/{imageId}.{ext}} with a fresh random id, so the id it
 * returns to the caller is the one the pipeline uses. Objects written by other means (the console, the CLI) get an
 * id hashed from bucket, key and ETag. Either way every redelivery of the same upload maps to the same id.
 */
public final class ImageId {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private ImageId() {
    }

    /** A new random id for an upload. */
    public static String newRandom() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** True when the text has the form of an image id. */
    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    /**
     * The id of a stored object: the file name's stem when it already is an image id, otherwise a hash of
     * bucket, decoded key and ETag (or version id).
     */
    public static String forObject(String bucket, String key, String etagOrVersion) {
        String fileName = key.substring(key.lastIndexOf('/') + 1);
        int dot = fileName.lastIndexOf('.');
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        if (isValid(stem)) {
            return stem;
        }
        String identity = bucket + '\n' + key + '\n' + (etagOrVersion == null ? "" : etagOrVersion.replace("\"", ""));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM ships SHA-256", impossible);
        }
    }
}
