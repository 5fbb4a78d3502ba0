package org.emotionanalyser.tenants.port;

import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.emotionanalyser.tenants.domain.ExportFile;

/** Daily CSV exports in the images bucket under {@code exports/{tenantId}/{date}.csv}. */
public interface ExportStore {

    /**
     * Stores the day's export, replacing an earlier one; the content is written by {@code body} as it is produced,
     * so a large export never has to fit in memory.
     */
    ExportFile write(String tenantId, LocalDate date, Consumer<Writer> body);

    /** The stored export of that day, if any. */
    Optional<ExportFile> find(String tenantId, LocalDate date);

    /** Every stored export of the tenant, oldest first. */
    List<ExportFile> list(String tenantId);
}
