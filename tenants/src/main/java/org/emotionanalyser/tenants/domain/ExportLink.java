package org.emotionanalyser.tenants.domain;

import java.time.Instant;

/** An export with a link to download it without credentials until {@code expiresAt}. */
public record ExportLink(ExportFile file, String url, Instant expiresAt) {
}
