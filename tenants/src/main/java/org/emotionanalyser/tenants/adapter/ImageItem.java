package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An images-table item as the enhanced client maps it; {@code analysis} is the event detail JSON.
 *
 * <p>{@code listedAt} = {@code analyzedAt#imageId} (time as fixed-width ISO-8601 UTC with milliseconds, like the
 * emotion tables' sort keys) is the sort key of the {@value DynamoDbImageCatalogue#TIME_INDEX} index, so listings
 * can read a tenant's images newest first. It is derived from the record and never read back.
 */
@DynamoDbBean
public class ImageItem {

    private String tenantId;
    private String imageId;
    private String status;
    private String s3Key;
    private String analyzedAt;
    private String listedAt;
    private Integer faceCount;
    private Map<String, Integer> emotionCounts;
    private String dominantEmotion;
    private List<String> celebrities;
    private String reason;
    private String message;
    private String analysis;
    private Long expiresAt;

    static ImageItem from(ImageRecord record) {
        ImageItem item = new ImageItem();
        item.tenantId = record.tenantId();
        item.imageId = record.imageId();
        item.status = record.status().name();
        item.s3Key = record.s3Key();
        item.analyzedAt = record.analyzedAt().toString();
        item.listedAt = listedAt(record);
        item.faceCount = record.faceCount();
        Map<String, Integer> counts = new LinkedHashMap<>();
        record.emotionCounts().forEach((emotion, count) -> counts.put(emotion.name(), count));
        item.emotionCounts = counts;
        item.dominantEmotion = record.dominantEmotion() == null ? null : record.dominantEmotion().name();
        item.celebrities = record.celebrities();
        item.reason = record.reason() == null ? null : record.reason().name();
        item.message = record.message();
        item.analysis = record.analysis() == null ? null : EventJson.toJson(record.analysis());
        item.expiresAt = record.expiresAt() == null ? null : record.expiresAt().getEpochSecond();
        return item;
    }

    /** The record's sort key in the time index. */
    static String listedAt(ImageRecord record) {
        return EmotionRow.sortKey(record.analyzedAt(), record.imageId());
    }

    ImageRecord toRecord() {
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        if (emotionCounts != null) {
            emotionCounts.forEach((name, count) -> Emotion.parse(name).ifPresent(emotion -> counts.put(emotion, count)));
        }
        return new ImageRecord(tenantId, imageId, ImageStatus.valueOf(status), s3Key, Instant.parse(analyzedAt),
                faceCount == null ? 0 : faceCount, counts,
                dominantEmotion == null ? null : Emotion.valueOf(dominantEmotion),
                celebrities, reason == null ? null : RejectionReason.valueOf(reason), message,
                analysis == null ? null : (ImageAnalyzed) EventJson.parseDetail(ImageAnalyzed.DETAIL_TYPE, analysis),
                expiresAt == null ? null : Instant.ofEpochSecond(expiresAt));
    }

    @DynamoDbPartitionKey
    @DynamoDbSecondaryPartitionKey(indexNames = DynamoDbImageCatalogue.TIME_INDEX)
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    @DynamoDbSortKey
    public String getImageId() {
        return imageId;
    }

    public void setImageId(String imageId) {
        this.imageId = imageId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getS3Key() {
        return s3Key;
    }

    public void setS3Key(String s3Key) {
        this.s3Key = s3Key;
    }

    public String getAnalyzedAt() {
        return analyzedAt;
    }

    public void setAnalyzedAt(String analyzedAt) {
        this.analyzedAt = analyzedAt;
    }

    @DynamoDbSecondarySortKey(indexNames = DynamoDbImageCatalogue.TIME_INDEX)
    public String getListedAt() {
        return listedAt;
    }

    public void setListedAt(String listedAt) {
        this.listedAt = listedAt;
    }

    public Integer getFaceCount() {
        return faceCount;
    }

    public void setFaceCount(Integer faceCount) {
        this.faceCount = faceCount;
    }

    public Map<String, Integer> getEmotionCounts() {
        return emotionCounts;
    }

    public void setEmotionCounts(Map<String, Integer> emotionCounts) {
        this.emotionCounts = emotionCounts;
    }

    public String getDominantEmotion() {
        return dominantEmotion;
    }

    public void setDominantEmotion(String dominantEmotion) {
        this.dominantEmotion = dominantEmotion;
    }

    public List<String> getCelebrities() {
        return celebrities;
    }

    public void setCelebrities(List<String> celebrities) {
        this.celebrities = celebrities;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getAnalysis() {
        return analysis;
    }

    public void setAnalysis(String analysis) {
        this.analysis = analysis;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
