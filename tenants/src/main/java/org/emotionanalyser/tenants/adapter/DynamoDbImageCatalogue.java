package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The images table (partition key {@code tenantId}, sort key {@code imageId}) and its {@value #TIME_INDEX} index
 * (partition key {@code tenantId}, sort key {@code listedAt} = {@code analyzedAt#imageId}), which listings read
 * newest first.
 */
public final class DynamoDbImageCatalogue implements ImageCatalogue {

    /** The global secondary index of the images table that orders each tenant's images by time. */
    public static final String TIME_INDEX = "byTime";

    private static final TableSchema<ImageItem> SCHEMA = TableSchema.fromBean(ImageItem.class);
    /** Tokens name the index: a token of the former image-id-order listing has other keys and is refused. */
    private static final String LISTING = "images:byTime";
    /** The exclusive start key of an index query holds the index keys and the table keys. */
    private static final List<String> KEY_NAMES = List.of("tenantId", "listedAt", "imageId");
    /**
     * Query calls one listing request may make. Each reads at most {@code limit + 1} items (and 1 MB), so with a
     * status filter a request reads at most 5 x 1,001 items however few match; without a filter the first read
     * fills the page.
     */
    static final int MAX_READS_PER_LISTING = 5;

    private final DynamoDbTable<ImageItem> table;
    private final DynamoDbIndex<ImageItem> byTime;

    public DynamoDbImageCatalogue(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
        this.byTime = table.index(TIME_INDEX);
    }

    @Override
    public Optional<ImageRecord> find(String tenantId, String imageId) {
        ImageItem item = table.getItem(request -> request.key(key(tenantId, imageId)).consistentRead(true));
        return Optional.ofNullable(item).map(ImageItem::toRecord);
    }

    @Override
    public void put(ImageRecord record) {
        table.putItem(ImageItem.from(record));
    }

    @Override
    public ImageRecord recordIfAbsent(ImageRecord record) {
        if (ConditionalPuts.putIfAbsent(table, ImageItem.class, ImageItem.from(record), "imageId")) {
            return record;
        }
        // Already recorded. Consistent read: the winning write has been acknowledged, so it is visible.
        return find(record.tenantId(), record.imageId()).orElseThrow(() -> new IllegalStateException(
                "image " + record.imageId() + " was recorded and deleted at the same moment; retry"));
    }

    @Override
    public Page<ImageRecord> list(String tenantId, ImageStatus status, int limit, String pageToken) {
        Limits.requirePageLimit(limit);
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(tenantId).build()))
                .scanIndexForward(false)
                .limit(limit + 1);
        if (status != null) {
            request.filterExpression(Expression.builder()
                    .expression("#status = :status")
                    .putExpressionName("#status", "status")
                    .putExpressionValue(":status", AttributeValue.fromS(status.name()))
                    .build());
        }
        if (pageToken != null) {
            request.exclusiveStartKey(PageTokens.accept(pageToken, LISTING, tenantId, KEY_NAMES, tenantId));
        }
        // One more than asked, to know whether another page exists. A status filter may need several reads for it,
        // but never more than MAX_READS_PER_LISTING: past that the caller gets what was found and a token that
        // resumes where the reads stopped, so one request never reads a tenant's whole partition.
        Iterator<software.amazon.awssdk.enhanced.dynamodb.model.Page<ImageItem>> reads =
                byTime.query(request.build()).iterator();
        List<ImageRecord> records = new ArrayList<>();
        int readCount = 0;
        while (records.size() <= limit && reads.hasNext()) {
            software.amazon.awssdk.enhanced.dynamodb.model.Page<ImageItem> read = reads.next();
            readCount++;
            Iterator<ImageItem> items = read.items().iterator();
            while (records.size() <= limit && items.hasNext()) {
                records.add(items.next().toRecord());
            }
            if (records.size() <= limit && readCount >= MAX_READS_PER_LISTING) {
                Map<String, AttributeValue> stoppedAt = read.lastEvaluatedKey();
                return new Page<>(records, stoppedAt == null || stoppedAt.isEmpty() ? null
                        : PageTokens.issue(LISTING, tenantId, stoppedAt));
            }
        }
        if (records.size() <= limit) {
            return new Page<>(records, null);
        }
        records.remove(limit);
        ImageRecord last = records.get(limit - 1);
        return new Page<>(records, PageTokens.issue(LISTING, tenantId, Map.of(
                "tenantId", AttributeValue.fromS(tenantId),
                "listedAt", AttributeValue.fromS(ImageItem.listedAt(last)),
                "imageId", AttributeValue.fromS(last.imageId()))));
    }

    @Override
    public List<ImageRecord> firstInKeyOrder(String tenantId, int limit) {
        Limits.requirePageLimit(limit);
        // The table, not the index: consistent, so records deleted a moment ago are not returned again.
        QueryEnhancedRequest request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(tenantId).build()))
                .consistentRead(true)
                .limit(limit)
                .build();
        return table.query(request).stream().findFirst()
                .map(page -> page.items().stream().map(ImageItem::toRecord).toList())
                .orElse(List.of());
    }

    @Override
    public void delete(String tenantId, String imageId) {
        table.deleteItem(key(tenantId, imageId));
    }

    private static Key key(String tenantId, String imageId) {
        return Key.builder().partitionValue(tenantId).sortValue(imageId).build();
    }
}
