package org.emotionanalyser.router.domain;

import java.util.Optional;

/**
 * The S3 key layout shared by the upload API, the reader and the bucket notification:
 * {@code uploads/{tenantId}/{file}} for uploads and {@code exports/{tenantId}/...} for exports, so outputs never
 * trigger the reader.
 */
public final class UploadKeys {

    /** The only prefix whose ObjectCreated events start the reader. */
    public static final String UPLOADS_PREFIX = "uploads/";
    /** Where CSV exports are written. */
    public static final String EXPORTS_PREFIX = "exports/";

    private UploadKeys() {
    }

    /** The key for a new upload. */
    public static String uploadKey(String tenantId, String imageId, String extension) {
        return UPLOADS_PREFIX + TenantId.require(tenantId) + '/' + imageId + '.' + extension;
    }

    /** The tenant prefix of the uploads area, e.g. for lifecycle rules and deletes. */
    public static String tenantUploadsPrefix(String tenantId) {
        return UPLOADS_PREFIX + TenantId.require(tenantId) + '/';
    }

    /**
     * The tenant a decoded key belongs to, when the key is {@code uploads/{validTenantId}/{non-empty file}}.
     * Anything else (exports, nested folders, bad tenant ids) is not an upload.
     */
    public static Optional<String> tenantOfUpload(String decodedKey) {
        if (decodedKey == null || !decodedKey.startsWith(UPLOADS_PREFIX)) {
            return Optional.empty();
        }
        String rest = decodedKey.substring(UPLOADS_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String tenant = rest.substring(0, slash);
        return TenantId.isValid(tenant) ? Optional.of(tenant) : Optional.empty();
    }
}
