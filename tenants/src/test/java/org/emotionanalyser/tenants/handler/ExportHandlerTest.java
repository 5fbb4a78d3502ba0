package org.emotionanalyser.tenants.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ExportFile;
import org.emotionanalyser.tenants.domain.ExportNotice;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportHandlerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T01:00:00Z");

    private InMemoryStores.Tenants directory;
    private InMemoryStores.Timeline timeline;
    private InMemoryPorts.Exports store;
    private InMemoryPorts.Notices notices;
    private ExportHandler handler;

    @BeforeEach
    void setUp() {
        directory = new InMemoryStores.Tenants();
        timeline = new InMemoryStores.Timeline();
        store = new InMemoryPorts.Exports();
        notices = new InMemoryPorts.Notices();
        directory.save(TenantApiHandlerTest.activeTenant("tenant-a"));
        directory.save(TenantApiHandlerTest.activeTenant("tenant-b"));
        directory.save(Tenant.newTenant("tenant-c", "provisioning", 50, 30, NOW));
        handler = handler(store);
    }

    private ExportHandler handler(InMemoryPorts.Exports exportStore) {
        return new ExportHandler(new CsvExport(timeline, exportStore, new InMemoryPorts.Links(), notices, directory,
                Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private void row(String tenantId, Emotion emotion, String at, List<String> celebrities) {
        timeline.putAll(List.of(new EmotionRow(tenantId, emotion, Instant.parse(at), "a".repeat(32), 2, 3,
                celebrities, "uploads/" + tenantId + "/" + "a".repeat(32) + ".jpg", null)));
    }

    @Test
    void handleRequest_whenDailySchedule_exportsYesterdayForEveryActiveTenantAndAnnouncesIt() {
        row("tenant-a", Emotion.HAPPY, "2026-11-20T08:00:00Z", List.of("Zoë Saldaña", "O'Brien, \"Con\"",
                "Line\nBreak"));
        row("tenant-a", Emotion.SAD, "2026-11-20T23:59:59.999Z", List.of());
        row("tenant-a", Emotion.SAD, "2026-11-21T00:00:00Z", List.of());
        row("tenant-b", Emotion.CALM, "2026-11-19T23:59:59.999Z", List.of());

        handler.handleRequest(Events.scheduled("scheduled-daily-export"), null);

        assertThat(store.contents).containsOnlyKeys("exports/tenant-a/2026-11-20.csv",
                "exports/tenant-b/2026-11-20.csv");
        assertThat(store.contents.get("exports/tenant-a/2026-11-20.csv")).isEqualTo(
                "analyzedAt,emotion,imageId,faceCount,totalFaces,celebrities,s3Key\r\n"
                        + "2026-11-20T08:00:00.000Z,HAPPY," + "a".repeat(32) + ",2,3,"
                        + "\"Zoë Saldaña; O'Brien, \"\"Con\"\"; Line\nBreak\",uploads/tenant-a/" + "a".repeat(32)
                        + ".jpg\r\n"
                        + "2026-11-20T23:59:59.999Z,SAD," + "a".repeat(32) + ",2,3,,uploads/tenant-a/"
                        + "a".repeat(32) + ".jpg\r\n");
        assertThat(store.contents.get("exports/tenant-b/2026-11-20.csv"))
                .isEqualTo("analyzedAt,emotion,imageId,faceCount,totalFaces,celebrities,s3Key\r\n");
        assertThat(notices.sent).extracting(sent -> sent.getValue().tenantId()).containsExactly("tenant-a", "tenant-b");
        ExportNotice notice = notices.sent.get(0).getValue();
        assertThat(notice.kind()).isEqualTo(ExportNotice.Kind.EXPORT_READY);
        assertThat(notice.rows()).isEqualTo(2);
        assertThat(notice.url()).contains("exports/tenant-a/2026-11-20.csv").contains("X-Amz-Expires=86400");
        assertThat(notice.expiresAt()).isEqualTo(NOW.plusSeconds(86400));
    }

    @Test
    void handleRequest_whenKnownFaceNameStartsWithMinus_exportsItAsTextNotAFormula() {
        row("tenant-a", Emotion.HAPPY, "2026-11-20T08:00:00Z", List.of("-2+3 Mallory", "=cmd"));

        handler.handleRequest(Events.scheduled("scheduled-daily-export"), null);

        assertThat(store.contents.get("exports/tenant-a/2026-11-20.csv")).contains(
                ",2,3,'-2+3 Mallory; =cmd,uploads/tenant-a/");
    }

    @Test
    void handleRequest_whenDailyRunRepeated_skipsTenantsAlreadyExported() {
        handler.handleRequest(Events.scheduled("scheduled-daily-export"), null);
        notices.sent.clear();

        handler.handleRequest(Events.scheduled("scheduled-daily-export"), null);

        assertThat(notices.sent).isEmpty();
    }

    @Test
    void handleRequest_whenOneTenantFails_exportsTheOthersThenThrowsNamingIt() {
        InMemoryPorts.Exports failingForA = new InMemoryPorts.Exports() {
            @Override
            public ExportFile write(String tenantId, LocalDate date, Consumer<Writer> body) {
                if (tenantId.equals("tenant-a")) {
                    throw new IllegalStateException("bucket unavailable");
                }
                return super.write(tenantId, date, body);
            }
        };

        assertThatThrownBy(() -> handler(failingForA).handleRequest(Events.scheduled("scheduled-daily-export"), null))
                .hasMessageContaining("[tenant-a]");
        assertThat(failingForA.contents).containsOnlyKeys("exports/tenant-b/2026-11-20.csv");
    }

    @Test
    void handleRequest_whenWeeklySchedule_remindsLatestExportOfTenantsThatHaveOne() {
        store.write("tenant-a", LocalDate.parse("2026-11-18"), out -> { });
        store.write("tenant-a", LocalDate.parse("2026-11-20"), out -> { });

        handler.handleRequest(Events.scheduled("scheduled-weekly-reminder"), null);

        assertThat(notices.sent).singleElement().satisfies(sent -> {
            assertThat(sent.getValue().kind()).isEqualTo(ExportNotice.Kind.EXPORT_REMINDER);
            assertThat(sent.getValue().date()).isEqualTo(LocalDate.parse("2026-11-20"));
            assertThat(sent.getValue().url()).contains("exports/tenant-a/2026-11-20.csv");
        });
        assertThat(store.contents).hasSize(2);
    }

    @Test
    void handleRequest_whenTaskUnknown_throwsNamingTheValidTasks() {
        ScheduledEvent event = Events.scheduled("scheduled-weekly-reminder");
        event.setDetail(Map.of("task", "monthly"));

        assertThatThrownBy(() -> handler.handleRequest(event, null)).hasMessageContaining("weekly-reminder");
        assertThat(notices.sent).isEmpty();
    }

    @Test
    void handleRequest_whenTenantNotActive_skipsIt() {
        directory.save(directory.find("tenant-b").orElseThrow().withStatus(TenantStatus.DELETING));

        handler.handleRequest(Events.scheduled("scheduled-daily-export"), null);

        assertThat(store.contents).containsOnlyKeys("exports/tenant-a/2026-11-20.csv");
    }
}
