package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.tenants.TenantsWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.emotionanalyser.lambdasupport.api.InvalidRequestException;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ExportRunFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled exports. Two EventBridge schedule rules invoke this function:
 * <ul>
 *   <li>daily, with the plain scheduled event (or {@code "detail": {"task": "daily-export"}}): exports yesterday
 *       (UTC) for every ACTIVE tenant that has no export of that day yet, and announces each on the tenant topic;
 *   <li>weekly, with a target {@code Input} that is a scheduled event whose {@code detail} is
 *       {@code {"task": "weekly-reminder"}}: announces every ACTIVE tenant's latest export with a fresh link.
 * </ul>
 * A run in which some tenants failed throws after trying all of them, so the failure is visible and Lambda's retry
 * redoes only the failed tenants (done exports are skipped; reminders are re-sent).
 */
public final class ExportHandler implements RequestHandler<ScheduledEvent, Void> {

    /** The {@code detail} field naming the task. */
    static final String TASK = "task";
    static final String DAILY_EXPORT = "daily-export";
    static final String WEEKLY_REMINDER = "weekly-reminder";
    private static final Logger LOG = LoggerFactory.getLogger(ExportHandler.class);

    private final CsvExport exports;

    public ExportHandler() {
        this(System.getenv());
    }

    public ExportHandler(Map<String, String> env) {
        this(TenantsWiring.fromEnvironment(env).csvExport());
    }

    /** For tests and local wiring. */
    public ExportHandler(CsvExport exports) {
        this.exports = exports;
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        Object task = event.getDetail() == null ? null : event.getDetail().get(TASK);
        CsvExport.RunSummary summary;
        if (task == null || DAILY_EXPORT.equals(task)) {
            summary = exports.exportDayForAll(exports.yesterday());
        } else if (WEEKLY_REMINDER.equals(task)) {
            summary = exports.remindAll();
        } else {
            throw new InvalidRequestException("unknown detail.task in the scheduled event; use '" + DAILY_EXPORT
                    + "' or '" + WEEKLY_REMINDER + "'");
        }
        LOG.info("{}: done for {}, nothing to do for {}, failed for {}", task == null ? DAILY_EXPORT : task,
                summary.done(), summary.skipped(), summary.failed());
        if (!summary.failed().isEmpty()) {
            throw new ExportRunFailedException(summary.failed());
        }
        return null;
    }
}
