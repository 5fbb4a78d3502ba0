package org.emotionanalyser.tenants.domain;

import java.time.Instant;
import java.time.LocalDate;

/** One stored daily export: {@code exports/{tenantId}/{date}.csv}. */
public record ExportFile(String tenantId, LocalDate date, String key, long sizeBytes, Instant lastModified) {
}
