package org.emotionanalyser.tenants.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.emotionanalyser.router.domain.TenantId;

/**
 * API keys: issuing a tenant key ({@code <tenantId>.<secret>}, shown once), hashing it for storage and checking a
 * presented key against the stored hash or against the admin key's SHA-256.
 *
 * <p>The secret is 256 random bits, so a salted SHA-256 is as strong as a slow password hash here (there is
 * nothing to guess) while keeping the authorizer, which runs on every request, fast. Comparisons are constant-time.
 */
public final class ApiKeys {

    private static final int SECRET_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Encoder SECRET_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public ApiKeys(SecureRandom random) {
        this.random = random;
    }

    public ApiKeys() {
        this(new SecureRandom());
    }

    /**
     * A key just issued: {@code plaintext} goes to the caller once; only {@code salt} and {@code hash} are stored.
     */
    public record IssuedKey(String tenantId, String plaintext, String salt, String hash) {
        @Override
        public String toString() {
            return "IssuedKey[tenantId=" + tenantId + ", plaintext=<redacted>]";
        }
    }

    /** A key as presented in a request, split into the tenant it claims and its secret. */
    public record PresentedKey(String tenantId, String secret) {
        @Override
        public String toString() {
            return "PresentedKey[tenantId=" + tenantId + ", secret=<redacted>]";
        }
    }

    /** Issues a fresh key with a fresh salt; issuing again (rotation) makes every earlier key useless. */
    public IssuedKey issue(String tenantId) {
        TenantId.require(tenantId);
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        byte[] saltBytes = new byte[SALT_BYTES];
        random.nextBytes(saltBytes);
        String secret = SECRET_ENCODING.encodeToString(secretBytes);
        String salt = HEX.formatHex(saltBytes);
        return new IssuedKey(tenantId, tenantId + '.' + secret, salt, hash(secret, salt));
    }

    /**
     * Splits {@code <tenantId>.<secret>}; empty when the text cannot be a tenant key (no dot, invalid tenant id,
     * empty secret), so callers never look up a malformed id.
     */
    public static Optional<PresentedKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int dot = key.indexOf('.');
        if (dot < 0 || dot == key.length() - 1) {
            return Optional.empty();
        }
        String tenantId = key.substring(0, dot);
        if (!TenantId.isValid(tenantId)) {
            return Optional.empty();
        }
        return Optional.of(new PresentedKey(tenantId, key.substring(dot + 1)));
    }

    /** True when the secret hashes, with the stored salt, to the stored hash (constant-time). */
    public static boolean matches(String secret, String salt, String storedHash) {
        if (secret == null || salt == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(
                hash(secret, salt).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** True when the key's SHA-256, in hex, equals the configured admin hash (constant-time, case-insensitive). */
    public static boolean isAdminKey(String key, String adminKeySha256Hex) {
        if (key == null || adminKeySha256Hex == null || adminKeySha256Hex.isBlank()) {
            return false;
        }
        String expected = adminKeySha256Hex.trim().toLowerCase(java.util.Locale.ROOT);
        return MessageDigest.isEqual(
                HEX.formatHex(sha256(key.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    /** Lower-case hex SHA-256 of the key's UTF-8 bytes: the form {@link #isAdminKey} compares with. */
    public static String sha256Hex(String key) {
        return HEX.formatHex(sha256(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** The stored form of a secret: hex SHA-256 of salt bytes followed by the secret's UTF-8 bytes. */
    static String hash(String secret, String salt) {
        byte[] saltBytes = salt.getBytes(StandardCharsets.US_ASCII);
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[saltBytes.length + secretBytes.length];
        System.arraycopy(saltBytes, 0, input, 0, saltBytes.length);
        System.arraycopy(secretBytes, 0, input, saltBytes.length, secretBytes.length);
        return HEX.formatHex(sha256(input));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM ships SHA-256", impossible);
        }
    }
}
