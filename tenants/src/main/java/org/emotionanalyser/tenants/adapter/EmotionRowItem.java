package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.time.Instant;
import java.util.List;

/**
 * An item of a per-emotion table as the enhanced client maps it. The emotion is not stored: it is the table the
 * item lives in.
 */
@DynamoDbBean
public class EmotionRowItem {

    private String tenantId;
    private String sk;
    private String imageId;
    private String analyzedAt;
    private Integer faceCount;
    private Integer totalFaces;
    private List<String> celebrities;
    private String s3Key;
    private Long expiresAt;

    static EmotionRowItem from(EmotionRow row) {
        EmotionRowItem item = new EmotionRowItem();
        item.tenantId = row.tenantId();
        item.sk = row.sortKey();
        item.imageId = row.imageId();
        item.analyzedAt = EmotionRow.sortableTime(row.analyzedAt());
        item.faceCount = row.faceCount();
        item.totalFaces = row.totalFaces();
        item.celebrities = row.celebrities();
        item.s3Key = row.s3Key();
        item.expiresAt = row.expiresAt() == null ? null : row.expiresAt().getEpochSecond();
        return item;
    }

    EmotionRow toRow(Emotion emotion) {
        return new EmotionRow(tenantId, emotion, EmotionRow.timeOfSortKey(sk), imageId,
                faceCount == null ? 0 : faceCount, totalFaces == null ? 0 : totalFaces, celebrities, s3Key,
                expiresAt == null ? null : Instant.ofEpochSecond(expiresAt));
    }

    @DynamoDbPartitionKey
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    @DynamoDbSortKey
    public String getSk() {
        return sk;
    }

    public void setSk(String sk) {
        this.sk = sk;
    }

    public String getImageId() {
        return imageId;
    }

    public void setImageId(String imageId) {
        this.imageId = imageId;
    }

    public String getAnalyzedAt() {
        return analyzedAt;
    }

    public void setAnalyzedAt(String analyzedAt) {
        this.analyzedAt = analyzedAt;
    }

    public Integer getFaceCount() {
        return faceCount;
    }

    public void setFaceCount(Integer faceCount) {
        this.faceCount = faceCount;
    }

    public Integer getTotalFaces() {
        return totalFaces;
    }

    public void setTotalFaces(Integer totalFaces) {
        this.totalFaces = totalFaces;
    }

    public List<String> getCelebrities() {
        return celebrities;
    }

    public void setCelebrities(List<String> celebrities) {
        this.celebrities = celebrities;
    }

    public String getS3Key() {
        return s3Key;
    }

    public void setS3Key(String s3Key) {
        this.s3Key = s3Key;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }
}
