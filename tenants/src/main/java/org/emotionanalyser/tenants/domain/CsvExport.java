package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantStatus;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ExportNotifier;
import org.emotionanalyser.tenants.port.ExportStore;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily CSV exports of a tenant's emotion rows, and the notices that announce them.
 *
 * <p>A day is a UTC calendar day, {@code [00:00, next 00:00)}. The file has one row per emotion-table row, grouped
 * by emotion in {@link Emotion} order and oldest first within each emotion, under the header {@link #HEADER}.
 * Rows are read page by page and streamed into the file, so a busy day never has to fit in memory.
 */
public final class CsvExport {

    /** The header line's fields. */
    public static final List<String> HEADER = List.of(
            "analyzedAt", "emotion", "imageId", "faceCount", "totalFaces", "celebrities", "s3Key");
    /** How long download links stay valid. */
    public static final Duration LINK_VALIDITY = Duration.ofHours(24);
    private static final String CELEBRITY_SEPARATOR = "; ";
    private static final int LIST_PAGE = 100;
    private static final Logger LOG = LoggerFactory.getLogger(CsvExport.class);

    private final EmotionTimeline timeline;
    private final ExportStore store;
    private final ImageLinks links;
    private final ExportNotifier notifier;
    private final TenantDirectory directory;
    private final Clock clock;

    public CsvExport(EmotionTimeline timeline, ExportStore store, ImageLinks links, ExportNotifier notifier,
                     TenantDirectory directory, Clock clock) {
        this.timeline = timeline;
        this.store = store;
        this.links = links;
        this.notifier = notifier;
        this.directory = directory;
        this.clock = clock;
    }

    /** Outcome of a scheduled run over every active tenant. */
    public record RunSummary(List<String> done, List<String> skipped, List<String> failed) {
    }

    /**
     * Writes the tenant's export of the day (replacing an earlier one) and announces it on its topic.
     *
     * @throws TenantNotFoundException when the tenant is not registered
     */
    public ExportLink exportDay(String tenantId, LocalDate day) {
        return exportDay(directory.find(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId)), day);
    }

    /**
     * Exports the day a tenant asked for: {@code yyyy-MM-dd}, or yesterday (the last complete UTC day) when
     * {@code dayText} is absent. Today is allowed and exports the day so far; later days are refused.
     *
     * @throws InvalidInputException when the day is malformed or in the future
     */
    public ExportLink exportRequestedDay(String tenantId, String dayText) {
        return exportDay(tenantId, requestedDay(dayText));
    }

    private LocalDate requestedDay(String text) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (text == null || text.isBlank()) {
            return today.minusDays(1);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("date must be a day as yyyy-MM-dd, e.g. 2026-11-20");
        }
        if (date.isAfter(today)) {
            throw new InvalidInputException("date must not be after today (UTC)");
        }
        return date;
    }

    /** Writes the day's export (replacing an earlier one) and announces it on the tenant's topic. */
    public ExportLink exportDay(Tenant tenant, LocalDate day) {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        AtomicLong rows = new AtomicLong();
        ExportFile file = store.write(tenant.tenantId(), day, out -> {
            CsvFormat.writeRecord(out, HEADER);
            for (Emotion emotion : Emotion.values()) {
                timeline.forEach(tenant.tenantId(), emotion, from, to, row -> {
                    CsvFormat.writeRecord(out, fields(row));
                    rows.incrementAndGet();
                });
            }
        });
        ExportLink link = link(file);
        if (tenant.topicArn() != null) {
            notifier.announce(tenant.topicArn(), new ExportNotice(ExportNotice.Kind.EXPORT_READY,
                    tenant.tenantId(), day, link.url(), link.expiresAt(), rows.get()));
        }
        return link;
    }

    /**
     * The scheduled daily run: exports {@code day} for every active tenant that has no export of that day yet, so
     * a retried run redoes only the tenants that failed. One tenant's failure does not stop the others.
     */
    public RunSummary exportDayForAll(LocalDate day) {
        return forEachActiveTenant(tenant -> {
            if (store.find(tenant.tenantId(), day).isPresent()) {
                return false;
            }
            exportDay(tenant, day);
            return true;
        });
    }

    /** The weekly run: reminds every active tenant with at least one export of its latest one, with a fresh link. */
    public RunSummary remindAll() {
        return forEachActiveTenant(tenant -> {
            List<ExportFile> files = store.list(tenant.tenantId());
            if (files.isEmpty() || tenant.topicArn() == null) {
                return false;
            }
            ExportLink link = link(files.get(files.size() - 1));
            notifier.announce(tenant.topicArn(), new ExportNotice(ExportNotice.Kind.EXPORT_REMINDER,
                    tenant.tenantId(), link.file().date(), link.url(), link.expiresAt(), null));
            return true;
        });
    }

    /** The tenant's exports, newest first, each with a fresh download link. */
    public List<ExportLink> list(String tenantId) {
        List<ExportFile> files = new ArrayList<>(store.list(tenantId));
        java.util.Collections.reverse(files);
        return files.stream().map(this::link).toList();
    }

    /** Yesterday in UTC: the last complete day, which the scheduled run exports. */
    public LocalDate yesterday() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    private ExportLink link(ExportFile file) {
        return new ExportLink(file, links.presignedGet(file.key(), LINK_VALIDITY), clock.instant().plus(LINK_VALIDITY));
    }

    static List<String> fields(EmotionRow row) {
        return List.of(EmotionRow.sortableTime(row.analyzedAt()), row.emotion().name(), row.imageId(),
                Integer.toString(row.faceCount()), Integer.toString(row.totalFaces()),
                String.join(CELEBRITY_SEPARATOR, row.celebrities()), Optional.ofNullable(row.s3Key()).orElse(""));
    }

    private interface TenantTask {
        /** @return true when something was done, false when there was nothing to do */
        boolean run(Tenant tenant);
    }

    private RunSummary forEachActiveTenant(TenantTask task) {
        List<String> done = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String token = null;
        do {
            Page<Tenant> page = directory.list(LIST_PAGE, token);
            for (Tenant tenant : page.items()) {
                if (tenant.status() != TenantStatus.ACTIVE) {
                    continue;
                }
                try {
                    (task.run(tenant) ? done : skipped).add(tenant.tenantId());
                } catch (RuntimeException e) {
                    failed.add(tenant.tenantId());
                    LOG.error("export task failed for tenant {}", tenant.tenantId(), e);
                }
            }
            token = page.nextToken();
        } while (token != null);
        return new RunSummary(done, skipped, failed);
    }
}
