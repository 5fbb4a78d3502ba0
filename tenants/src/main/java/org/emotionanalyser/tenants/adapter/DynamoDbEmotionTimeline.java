package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The per-emotion tables (partition key {@code tenantId}, sort key {@code sk} = {@code analyzedAt#imageId}), one
 * per {@link Emotion}, named table prefix + lowercase emotion.
 *
 * <p>A time range {@code [from, to)} becomes the key condition {@code sk BETWEEN from AND to} on the fixed-width
 * time strings: every key of an instant {@code t} starts with {@code t} and is longer, so rows at {@code from} are
 * included and rows at {@code to} are not.
 */
public final class DynamoDbEmotionTimeline implements EmotionTimeline {

    private static final TableSchema<EmotionRowItem> SCHEMA = TableSchema.fromBean(EmotionRowItem.class);
    private static final List<String> KEY_NAMES = List.of("tenantId", "sk");
    /** BatchWriteItem takes at most 25 requests; a backlog of unprocessed items is retried this many times. */
    private static final int BATCH_SIZE = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;
    private static final long BACKOFF_MILLIS = 50;
    /** Page size of the reads behind {@link #forEach}. */
    private static final int EXPORT_PAGE_SIZE = 500;

    private final DynamoDbEnhancedClient client;
    private final Map<Emotion, DynamoDbTable<EmotionRowItem>> tables = new EnumMap<>(Emotion.class);

    /** @param tableName the table of each emotion, e.g. prefix + lowercase emotion */
    public DynamoDbEmotionTimeline(DynamoDbEnhancedClient client, Function<Emotion, String> tableName) {
        this.client = client;
        for (Emotion emotion : Emotion.values()) {
            tables.put(emotion, client.table(tableName.apply(emotion), SCHEMA));
        }
    }

    @Override
    public void putAll(List<EmotionRow> rows) {
        for (int start = 0; start < rows.size(); start += BATCH_SIZE) {
            writeBatch(rows.subList(start, Math.min(rows.size(), start + BATCH_SIZE)));
        }
    }

    private void writeBatch(List<EmotionRow> rows) {
        Map<Emotion, List<EmotionRowItem>> pending = new EnumMap<>(Emotion.class);
        for (EmotionRow row : rows) {
            pending.computeIfAbsent(row.emotion(), e -> new ArrayList<>()).add(EmotionRowItem.from(row));
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_BATCH_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left emotion rows unprocessed after " + MAX_BATCH_ATTEMPTS
                        + " attempts; the message will be retried");
            }
            if (attempt > 1) {
                sleep(BACKOFF_MILLIS << (attempt - 2));
            }
            BatchWriteItemEnhancedRequest.Builder request = BatchWriteItemEnhancedRequest.builder();
            pending.forEach((emotion, items) -> {
                WriteBatch.Builder<EmotionRowItem> batch = WriteBatch.builder(EmotionRowItem.class)
                        .mappedTableResource(tables.get(emotion));
                items.forEach(batch::addPutItem);
                request.addWriteBatch(batch.build());
            });
            BatchWriteResult result = client.batchWriteItem(request.build());
            Map<Emotion, List<EmotionRowItem>> unprocessed = new EnumMap<>(Emotion.class);
            pending.keySet().forEach(emotion -> {
                List<EmotionRowItem> left = result.unprocessedPutItemsForTable(tables.get(emotion));
                if (!left.isEmpty()) {
                    unprocessed.put(emotion, left);
                }
            });
            pending = unprocessed;
        }
    }

    @Override
    public Page<EmotionRow> query(String tenantId, Emotion emotion, Instant from, Instant to, int limit,
                                  String pageToken) {
        Limits.requirePageLimit(limit);
        if (isEmptyRange(from, to)) {
            return new Page<>(List.of(), null);
        }
        String listing = "emotion:" + emotion.name();
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(range(tenantId, from, to))
                .scanIndexForward(false)
                .limit(limit + 1);
        if (pageToken != null) {
            Map<String, AttributeValue> start = PageTokens.accept(pageToken, listing, tenantId, KEY_NAMES, tenantId);
            requireInRange(start.get("sk").s(), from, to);
            request.exclusiveStartKey(start);
        }
        // One more than asked, to know whether another page exists without returning an empty last page.
        Iterator<EmotionRowItem> items = tables.get(emotion).query(request.build()).items().iterator();
        List<EmotionRow> rows = new ArrayList<>();
        while (rows.size() <= limit && items.hasNext()) {
            rows.add(items.next().toRow(emotion));
        }
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        rows.remove(limit);
        EmotionRow last = rows.get(limit - 1);
        return new Page<>(rows, PageTokens.issue(listing, tenantId, Map.of(
                "tenantId", AttributeValue.fromS(tenantId), "sk", AttributeValue.fromS(last.sortKey()))));
    }

    @Override
    public void forEach(String tenantId, Emotion emotion, Instant from, Instant to, Consumer<EmotionRow> action) {
        if (isEmptyRange(from, to)) {
            return;
        }
        tables.get(emotion).query(QueryEnhancedRequest.builder()
                        .queryConditional(range(tenantId, from, to))
                        .scanIndexForward(true)
                        .limit(EXPORT_PAGE_SIZE)
                        .build())
                .items()
                .forEach(item -> action.accept(item.toRow(emotion)));
    }

    @Override
    public void deleteImage(String tenantId, String imageId, Instant analyzedAt, Collection<Emotion> emotions) {
        String sortKey = EmotionRow.sortKey(analyzedAt, imageId);
        for (Emotion emotion : emotions) {
            tables.get(emotion).deleteItem(Key.builder().partitionValue(tenantId).sortValue(sortKey).build());
        }
    }

    /** {@code [from, to)} with {@code from >= to} (at millisecond precision) holds nothing. */
    private static boolean isEmptyRange(Instant from, Instant to) {
        return from != null && to != null
                && EmotionRow.sortableTime(from).compareTo(EmotionRow.sortableTime(to)) >= 0;
    }

    private static QueryConditional range(String tenantId, Instant from, Instant to) {
        if (from == null && to == null) {
            return QueryConditional.keyEqualTo(Key.builder().partitionValue(tenantId).build());
        }
        if (to == null) {
            return QueryConditional.sortGreaterThanOrEqualTo(bound(tenantId, from));
        }
        if (from == null) {
            return QueryConditional.sortLessThan(bound(tenantId, to));
        }
        return QueryConditional.sortBetween(bound(tenantId, from), bound(tenantId, to));
    }

    private static Key bound(String tenantId, Instant instant) {
        return Key.builder().partitionValue(tenantId).sortValue(EmotionRow.sortableTime(instant)).build();
    }

    /** A token whose position lies outside the requested range belongs to another query. */
    private static void requireInRange(String sortKey, Instant from, Instant to) {
        boolean afterFrom = from == null || sortKey.compareTo(EmotionRow.sortableTime(from)) >= 0;
        boolean beforeTo = to == null || sortKey.compareTo(EmotionRow.sortableTime(to)) < 0;
        if (!afterFrom || !beforeTo) {
            throw new InvalidPageTokenException("the page token belongs to another time range; "
                    + "repeat the request with the same from and to, or without the token");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed emotion rows", e);
        }
    }
}
