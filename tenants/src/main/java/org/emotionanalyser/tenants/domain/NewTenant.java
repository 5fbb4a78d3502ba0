package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantId;

/**
 * An admin's request to create a tenant; {@code null} settings take the stack's defaults.
 *
 * @param emotionThreshold face emotion confidence (0 to 100) below which a face counts as OTHER
 * @param retentionDays    days uploads and results are kept, 0 to keep them
 */
public record NewTenant(String tenantId, String name, Double emotionThreshold, Integer retentionDays) {

    static final int MAX_NAME_LENGTH = 200;
    /** Ten years; S3 and DynamoDB accept more, but a larger value is a typo, not a policy. */
    static final int MAX_RETENTION_DAYS = 3650;

    public NewTenant {
        if (!TenantId.isValid(tenantId)) {
            throw new InvalidInputException(
                    "tenantId must be 3 to 40 characters of lowercase letters, digits and '-'");
        }
        name = requireValidName(name);
        requireValidThreshold(emotionThreshold);
        requireValidRetention(retentionDays);
    }

    /** The name stripped of surrounding blanks. Shared with {@link TenantChanges}, so both accept the same names. */
    static String requireValidName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name is required, at most " + MAX_NAME_LENGTH + " characters");
        }
        return name.strip();
    }

    /** {@code null} (not given) or a confidence from 0 to 100. */
    static void requireValidThreshold(Double emotionThreshold) {
        if (emotionThreshold != null && !(emotionThreshold >= 0 && emotionThreshold <= 100)) {
            throw new InvalidInputException("emotionThreshold must be a confidence from 0 to 100");
        }
    }

    /** {@code null} (not given) or 0 to {@link #MAX_RETENTION_DAYS}. */
    static void requireValidRetention(Integer retentionDays) {
        if (retentionDays != null && (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS)) {
            throw new InvalidInputException("retentionDays must be 0 (keep) to " + MAX_RETENTION_DAYS);
        }
    }
}
