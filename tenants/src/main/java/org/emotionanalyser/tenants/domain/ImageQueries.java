package org.emotionanalyser.tenants.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.TenantObjects;

/**
 * The tenant's read and delete side: its images, its emotion timelines and stats, and the deletion of one image's
 * object, record and emotion rows. Callers pass tenant ids already checked against the caller.
 */
public record ImageQueries(ImageCatalogue catalogue, EmotionTimeline timeline, TenantObjects objects,
                           ImageLinks links, Clock clock) {

    /** How long a view link of an image stays valid. */
    public static final Duration VIEW_LINK_VALIDITY = Duration.ofMinutes(15);
    /** More buckets than this would be an unreadable chart and a slow request; a wider bucket is the fix. */
    public static final int MAX_BUCKETS = 1500;

    /** One page of the tenant's images, optionally only those with the status. */
    public Page<ImageRecord> images(String tenantId, ImageStatus status, int limit, String pageToken) {
        return catalogue.list(tenantId, status, limit, pageToken);
    }

    /**
     * The image's record with a view link, or {@link ImageView.Pending} while the upload waits for analysis.
     *
     * @throws ImageNotFoundException when there is neither
     */
    public ImageView image(String tenantId, String imageId) {
        Optional<ImageRecord> record = catalogue.find(tenantId, imageId);
        if (record.isPresent()) {
            return new ImageView.Recorded(record.get(), links.presignedGet(record.get().s3Key(), VIEW_LINK_VALIDITY));
        }
        if (objects.findUpload(tenantId, imageId).isPresent()) {
            return new ImageView.Pending(imageId);
        }
        throw new ImageNotFoundException();
    }

    /**
     * Deletes the image's emotion rows, its record and its uploaded object. Rows go first, while the record still
     * says where they are, so a failure part-way is finished by repeating the delete.
     *
     * @throws ImageNotFoundException when there was nothing to delete
     */
    public void deleteImage(String tenantId, String imageId) {
        Optional<ImageRecord> record = catalogue.find(tenantId, imageId);
        record.ifPresent(found -> {
            timeline.deleteImage(tenantId, imageId, found.analyzedAt(), List.of(Emotion.values()));
            catalogue.delete(tenantId, imageId);
        });
        int deletedObjects = objects.deleteUploads(tenantId, imageId);
        if (record.isEmpty() && deletedObjects == 0) {
            throw new ImageNotFoundException();
        }
    }

    /** One page of rows of one emotion in the range, newest first. */
    public Page<EmotionRow> emotions(String tenantId, Emotion emotion, TimeRange range, int limit, String token) {
        return timeline.query(tenantId, emotion, range.from(), range.to(), limit, token);
    }

    /** Faces per emotion per bucket over the range, from the per-emotion tables. */
    public EmotionStats stats(String tenantId, TimeRange range, StatsBucket bucket) {
        long width = bucket.width().toMillis();
        long first = Math.floorDiv(range.from().toEpochMilli(), width);
        long last = Math.floorDiv(range.to().toEpochMilli() - 1, width);
        if (last - first + 1 > MAX_BUCKETS) {
            throw new InvalidInputException("the range holds more than " + MAX_BUCKETS + " buckets of "
                    + bucket.parameter() + "; use a wider bucket or a shorter range");
        }
        List<Map<Emotion, Long>> counts = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            counts.add(new EnumMap<>(Emotion.class));
        }
        Map<Emotion, Long> totals = new EnumMap<>(Emotion.class);
        for (Emotion emotion : Emotion.values()) {
            timeline.forEach(tenantId, emotion, range.from(), range.to(), row -> {
                int index = (int) (Math.floorDiv(row.analyzedAt().toEpochMilli(), width) - first);
                counts.get(index).merge(emotion, (long) row.faceCount(), Long::sum);
                totals.merge(emotion, (long) row.faceCount(), Long::sum);
            });
        }
        List<EmotionStats.Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            buckets.add(new EmotionStats.Bucket(Instant.ofEpochMilli((first + i) * width), counts.get(i)));
        }
        return new EmotionStats(range.from(), range.to(), bucket, buckets, totals);
    }
}
