package org.emotionanalyser.router.domain;

import java.util.regex.Pattern;

/**
 * Tenant id validation. A tenant id ends up in S3 keys, table keys, queue, topic and rule names and event patterns,
 * so only ids matching {@code [a-z0-9-]{3,40}} are ever accepted; nothing is escaped or trimmed into shape.
 */
public final class TenantId {

    private static final Pattern VALID = Pattern.compile("[a-z0-9-]{3,40}");

    private TenantId() {
    }

    /** True when the id may be used as a tenant id. */
    public static boolean isValid(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    /**
     * Returns the id unchanged, or throws when it is not valid.
     *
     * @throws InvalidTenantIdException naming the accepted form; the bad value is not echoed since it may be hostile
     */
    public static String require(String candidate) {
        if (!isValid(candidate)) {
            throw new InvalidTenantIdException(
                    "tenant id must be 3 to 40 characters of lowercase letters, digits and '-'");
        }
        return candidate;
    }
}
