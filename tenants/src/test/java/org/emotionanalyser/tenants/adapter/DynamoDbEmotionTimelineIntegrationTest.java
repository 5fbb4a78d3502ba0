package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbEmotionTimelineIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00.000Z");

    private DynamoDbEmotionTimeline timeline;

    @BeforeEach
    void setUp() {
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        DynamoDbLocalServer.Stack stack = server.newStack();
        timeline = new DynamoDbEmotionTimeline(server.enhancedClient(), stack::emotionTable);
    }

    private static EmotionRow row(String tenantId, Emotion emotion, Instant at, int n) {
        return new EmotionRow(tenantId, emotion, at, String.format("%032x", n), 1, 2, List.of("Ada Lovelace"),
                "uploads/" + tenantId + "/" + n + ".jpg", null);
    }

    private List<EmotionRow> rowsEverySecond(String tenantId, int count) {
        List<EmotionRow> rows = IntStream.range(0, count)
                .mapToObj(i -> row(tenantId, Emotion.HAPPY, T0.plusSeconds(i), i)).toList();
        timeline.putAll(rows);
        return rows;
    }

    @Test
    void query_whenRowsSpanSeveralPages_returnsEachRowOnceNewestFirst() {
        List<EmotionRow> rows = rowsEverySecond("acme", 7);

        List<EmotionRow> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            Page<EmotionRow> page = timeline.query("acme", Emotion.HAPPY, null, null, 3, token);
            seen.addAll(page.items());
            pageSizes.add(page.items().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(3, 3, 1);
        assertThat(seen).containsExactlyElementsOf(
                rows.stream().sorted(Comparator.comparing(EmotionRow::analyzedAt).reversed()).toList());
    }

    @Test
    void query_whenRowsExactlyFillTheLastPage_returnsNoFurtherToken() {
        rowsEverySecond("acme", 6);

        Page<EmotionRow> first = timeline.query("acme", Emotion.HAPPY, null, null, 3, null);
        Page<EmotionRow> second = timeline.query("acme", Emotion.HAPPY, null, null, 3, first.nextToken());

        assertThat(second.items()).hasSize(3);
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void query_whenRangeGiven_includesRowsAtFromAndExcludesRowsAtTo() {
        List<EmotionRow> rows = rowsEverySecond("acme", 4);

        Page<EmotionRow> page = timeline.query("acme", Emotion.HAPPY, T0.plusSeconds(1), T0.plusSeconds(3), 10, null);

        assertThat(page.items()).containsExactly(rows.get(2), rows.get(1));
    }

    @Test
    void query_whenOnlyOneBoundGiven_leavesTheOtherSideOpen() {
        List<EmotionRow> rows = rowsEverySecond("acme", 4);

        assertThat(timeline.query("acme", Emotion.HAPPY, T0.plusSeconds(2), null, 10, null).items())
                .containsExactly(rows.get(3), rows.get(2));
        assertThat(timeline.query("acme", Emotion.HAPPY, null, T0.plusSeconds(2), 10, null).items())
                .containsExactly(rows.get(1), rows.get(0));
    }

    @Test
    void query_whenRangeIsEmptyOrReversed_returnsNothing() {
        rowsEverySecond("acme", 3);

        assertThat(timeline.query("acme", Emotion.HAPPY, T0.plusSeconds(1), T0.plusSeconds(1), 10, null).items())
                .isEmpty();
        assertThat(timeline.query("acme", Emotion.HAPPY, T0.plusSeconds(2), T0, 10, null).items()).isEmpty();
    }

    @Test
    void query_whenRangeIsPagedAcrossItsBoundary_neverReturnsRowsOutsideIt() {
        List<EmotionRow> rows = rowsEverySecond("acme", 10);

        List<EmotionRow> seen = new ArrayList<>();
        String token = null;
        do {
            Page<EmotionRow> page = timeline.query("acme", Emotion.HAPPY, T0.plusSeconds(2), T0.plusSeconds(7), 2,
                    token);
            seen.addAll(page.items());
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactly(rows.get(6), rows.get(5), rows.get(4), rows.get(3), rows.get(2));
    }

    @Test
    void query_whenTwoTenantsHaveRowsAtTheSameTime_returnsOnlyTheCallersRows() {
        timeline.putAll(List.of(row("acme", Emotion.HAPPY, T0, 1), row("globex", Emotion.HAPPY, T0, 1)));

        assertThat(timeline.query("acme", Emotion.HAPPY, null, null, 10, null).items())
                .extracting(EmotionRow::tenantId).containsExactly("acme");
    }

    @Test
    void query_whenPageTokenOfAnotherTenantIsReplayed_rejectsIt() {
        rowsEverySecond("acme", 5);
        rowsEverySecond("globex", 5);
        String acmeToken = timeline.query("acme", Emotion.HAPPY, null, null, 2, null).nextToken();

        assertThatThrownBy(() -> timeline.query("globex", Emotion.HAPPY, null, null, 2, acmeToken))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void query_whenPageTokenOfAnotherEmotionOrRangeOrGarbage_rejectsIt() {
        rowsEverySecond("acme", 5);
        String token = timeline.query("acme", Emotion.HAPPY, null, null, 2, null).nextToken();

        assertThatThrownBy(() -> timeline.query("acme", Emotion.SAD, null, null, 2, token))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> timeline.query("acme", Emotion.HAPPY, null, T0.plusSeconds(1), 2, token))
                .isInstanceOf(InvalidPageTokenException.class);
        assertThatThrownBy(() -> timeline.query("acme", Emotion.HAPPY, null, null, 2, "not-a-token"))
                .isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void forEach_whenRowsSpanSeveralReadPages_visitsEveryRowInRangeOldestFirst() {
        List<EmotionRow> rows = rowsEverySecond("acme", 520);
        List<EmotionRow> seen = new ArrayList<>();

        timeline.forEach("acme", Emotion.HAPPY, T0.plusSeconds(5), T0.plusSeconds(515), seen::add);

        assertThat(seen).containsExactlyElementsOf(rows.subList(5, 515));
    }

    @Test
    void deleteImage_whenImageHasRowsInSeveralTables_removesThemAll() {
        EmotionRow happy = row("acme", Emotion.HAPPY, T0, 1);
        EmotionRow sad = row("acme", Emotion.SAD, T0, 1);
        EmotionRow other = row("acme", Emotion.HAPPY, T0.plusSeconds(1), 2);
        timeline.putAll(List.of(happy, sad, other));

        timeline.deleteImage("acme", happy.imageId(), T0, List.of(Emotion.HAPPY, Emotion.SAD, Emotion.FEAR));

        assertThat(timeline.query("acme", Emotion.HAPPY, null, null, 10, null).items()).containsExactly(other);
        assertThat(timeline.query("acme", Emotion.SAD, null, null, 10, null).items()).isEmpty();
    }
}
