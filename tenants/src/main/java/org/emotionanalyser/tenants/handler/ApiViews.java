package org.emotionanalyser.tenants.handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.EmotionStats;
import org.emotionanalyser.tenants.domain.ExportLink;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.Tenant;

/** The JSON shapes the API answers with. Key material never appears in any of them. */
final class ApiViews {

    private ApiViews() {
    }

    static Map<String, Object> tenant(Tenant tenant) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("tenantId", tenant.tenantId());
        view.put("name", tenant.name());
        view.put("status", tenant.status());
        view.put("emotionThreshold", tenant.emotionThreshold());
        view.put("retentionDays", tenant.retentionDays());
        view.put("createdAt", tenant.createdAt());
        view.put("topicArn", tenant.topicArn());
        view.put("queueUrl", tenant.queueUrl());
        view.put("dlqUrl", tenant.dlqUrl());
        view.put("ruleName", tenant.ruleName());
        view.put("eventSourceMappingId", tenant.eventSourceMappingId());
        return view;
    }

    /** A catalogue entry without the full analysis (listings). */
    static Map<String, Object> imageSummary(ImageRecord record) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("imageId", record.imageId());
        view.put("status", record.status());
        view.put("analyzedAt", record.analyzedAt());
        view.put("s3Key", record.s3Key());
        view.put("faceCount", record.faceCount());
        view.put("emotionCounts", record.emotionCounts());
        view.put("dominantEmotion", record.dominantEmotion());
        view.put("celebrities", record.celebrities());
        if (record.reason() != null) {
            view.put("reason", record.reason());
            view.put("message", record.message());
        }
        view.put("expiresAt", record.expiresAt());
        return view;
    }

    /** A catalogue entry with its full analysis and a link to view the image. */
    static Map<String, Object> imageDetail(ImageRecord record, String viewUrl) {
        Map<String, Object> view = imageSummary(record);
        view.put("analysis", record.analysis());
        view.put("viewUrl", viewUrl);
        return view;
    }

    static Map<String, Object> emotionRow(EmotionRow row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("imageId", row.imageId());
        view.put("emotion", row.emotion());
        view.put("analyzedAt", row.analyzedAt());
        view.put("faceCount", row.faceCount());
        view.put("totalFaces", row.totalFaces());
        view.put("celebrities", row.celebrities());
        view.put("s3Key", row.s3Key());
        return view;
    }

    static Map<String, Object> subscription(Subscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("subscriptionId", subscription.subscriptionId());
        view.put("protocol", subscription.protocol().wireName());
        view.put("endpoint", subscription.endpoint());
        view.put("confirmed", subscription.confirmed());
        view.put("emotions", subscription.filter().emotions().stream().sorted().toList());
        view.put("celebritiesOnly", subscription.filter().celebritiesOnly());
        view.put("minFaces", subscription.filter().minFaces());
        return view;
    }

    static Map<String, Object> export(ExportLink link) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("date", link.file().date().toString());
        view.put("key", link.file().key());
        view.put("sizeBytes", link.file().sizeBytes());
        view.put("lastModified", link.file().lastModified());
        view.put("url", link.url());
        view.put("urlExpiresAt", link.expiresAt());
        return view;
    }

    static Map<String, Object> stats(EmotionStats stats) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("from", stats.from());
        view.put("to", stats.to());
        view.put("bucket", stats.bucket().parameter());
        view.put("totals", stats.totals());
        view.put("buckets", stats.buckets().stream().map(bucket -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("start", bucket.start());
            b.put("faces", bucket.faces());
            return b;
        }).toList());
        return view;
    }

    /** A page: {@code {"items": [...], "nextToken": ...}}. */
    static <T> Map<String, Object> page(Page<T> page, java.util.function.Function<T, Map<String, Object>> view) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items().stream().map(view).toList());
        body.put("nextToken", page.nextToken());
        return body;
    }

    static Map<String, Object> items(List<Map<String, Object>> items) {
        return Map.of("items", items);
    }
}
