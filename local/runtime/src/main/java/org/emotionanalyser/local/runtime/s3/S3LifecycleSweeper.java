package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies the stored bucket lifecycle rules of local mode: on one daemon thread, every interval, it deletes (through
 * the blob store, so no file or metadata is left behind) each object that an Enabled rule's {@code Expiration/Days}
 * has expired.
 *
 * <p>What is honoured, and what is only stored:
 * <ul>
 *   <li>honoured: {@code Status} Enabled, {@code Expiration/Days}, and the filter's key prefix
 *       ({@code Filter/Prefix}, {@code Filter/And/Prefix}, legacy {@code Rule/Prefix}) and
 *       {@code ObjectSizeGreaterThan}/{@code ObjectSizeLessThan}. As on S3, an object expires at the first
 *       midnight UTC at or after its last-modified time plus the days;</li>
 *   <li>stored and returned by GET but not acted on: {@code Expiration/Date},
 *       {@code ExpiredObjectDeleteMarker}, transitions, noncurrent-version actions (the local store keeps no
 *       versions) and {@code AbortIncompleteMultipartUpload};</li>
 *   <li>a rule with a {@code Tag} condition expires nothing here, since the local store keeps no object tags:
 *       skipping it is safer than deleting objects it does not select.</li>
 * </ul>
 * Unlike S3, which expires objects within about a day, objects go at the first sweep after they expire: one a
 * minute after start, then one every interval. Bucket lifecycle requests are recognised in path-style addressing
 * only ({@link S3LifecycleApi}).
 */
public final class S3LifecycleSweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3LifecycleSweeper.class);

    /** S3Proxy's hidden record of an open multipart upload: not an object, and not for Expiration to remove. */
    private static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";

    private static final Duration FIRST_SWEEP_DELAY = Duration.ofMinutes(1);

    private final BlobStore store;
    private final S3LifecycleConfigurations configurations;
    private final Clock clock;
    private final ScheduledExecutorService schedule;

    S3LifecycleSweeper(BlobStore store, S3LifecycleConfigurations configurations, Clock clock, Duration interval) {
        this.store = store;
        this.configurations = configurations;
        this.clock = clock;
        schedule = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("local-s3-lifecycle"));
        long millis = interval.toMillis();
        // The first sweep comes soon after start, so objects that expired while local mode was stopped go even
        // when it runs for less than an interval; not at once, to keep startup quick.
        long firstDelay = Math.min(millis, FIRST_SWEEP_DELAY.toMillis());
        schedule.scheduleWithFixedDelay(this::sweepQuietly, firstDelay, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs one sweep at the clock's current time; returns how many objects it deleted. */
    int sweep() {
        return sweep(clock.instant());
    }

    /** Runs one sweep as if it were {@code now}; returns how many objects it deleted. */
    synchronized int sweep(Instant now) {
        int deleted = 0;
        for (Map.Entry<String, List<S3LifecycleRule>> bucket : configurations.all().entrySet()) {
            if (!store.containerExists(bucket.getKey())) {
                continue;
            }
            for (S3LifecycleRule rule : bucket.getValue()) {
                if (rule.expiresByAge()) {
                    deleted += expire(bucket.getKey(), rule, now);
                }
            }
        }
        return deleted;
    }

    private int expire(String bucket, S3LifecycleRule rule, Instant now) {
        int deleted = 0;
        String continuation = null;
        do {
            ListObjectsV2Request.Builder page = ListObjectsV2Request.builder().bucket(bucket).prefix(rule.prefix());
            if (continuation != null) {
                page.continuationToken(continuation);
            }
            ListObjectsV2Response listed = store.list(page.build());
            for (S3Object object : listed.contents()) {
                long size = object.size() == null ? 0 : object.size();
                if (!object.key().startsWith(MULTIPART_STUB_PREFIX) && object.lastModified() != null
                        && rule.selects(object.key(), size) && !rule.expiryOf(object.lastModified()).isAfter(now)) {
                    store.removeBlob(bucket, object.key());
                    deleted++;
                }
            }
            continuation = Boolean.TRUE.equals(listed.isTruncated()) ? listed.nextContinuationToken() : null;
        } while (continuation != null);
        if (deleted > 0) {
            LOG.info("local S3: lifecycle rule '{}' expired {} object(s) under '{}' in bucket {}", rule.id(), deleted,
                    rule.prefix(), bucket);
        }
        return deleted;
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // The next sweep tries again; a failure must not end the schedule.
            LOG.warn("local S3: the lifecycle sweep failed and will run again at the next interval: " + e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdownNow();
        schedule.awaitTermination(5, TimeUnit.SECONDS);
    }
}
