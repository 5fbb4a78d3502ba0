package org.emotionanalyser.tenants.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a tenant's subscribers are told about exports: a new daily export, or the weekly reminder of the latest.
 *
 * @param rows data rows in the file; {@code null} in reminders (not re-counted)
 */
public record ExportNotice(Kind kind, String tenantId, LocalDate date, String url, Instant expiresAt, Long rows) {

    /** Which of the two messages this is; also the {@code status} message attribute. */
    public enum Kind { EXPORT_READY, EXPORT_REMINDER }
}
