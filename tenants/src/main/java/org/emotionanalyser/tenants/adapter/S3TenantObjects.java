package org.emotionanalyser.tenants.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.router.domain.UploadKeys;
import org.emotionanalyser.tenants.domain.StorageFailedException;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** A tenant's objects and upload lifecycle rule in the images bucket. */
public final class S3TenantObjects implements TenantObjects {

    /** DeleteObjects takes at most 1000 keys per call. */
    private static final int DELETE_BATCH = 1000;
    private static final String NO_LIFECYCLE = "NoSuchLifecycleConfiguration";
    private static final int NOT_IMPLEMENTED = 501;
    private static final Logger LOG = LoggerFactory.getLogger(S3TenantObjects.class);

    private final S3Client s3;
    private final String bucket;

    public S3TenantObjects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Optional<String> findUpload(String tenantId, String imageId) {
        try {
            return s3.listObjectsV2(b -> b.bucket(bucket).prefix(uploadPrefix(tenantId, imageId)).maxKeys(1))
                    .contents().stream().map(S3Object::key).findFirst();
        } catch (SdkException e) {
            throw new StorageFailedException("looking up the image's upload failed; try again", e);
        }
    }

    @Override
    public int deleteUploads(String tenantId, String imageId) {
        try {
            return deletePrefix(uploadPrefix(tenantId, imageId));
        } catch (SdkException e) {
            throw new StorageFailedException("deleting the image's upload failed; repeat the delete", e);
        }
    }

    @Override
    public void deleteAll(String tenantId) {
        try {
            deletePrefix(UploadKeys.tenantUploadsPrefix(tenantId));
            deletePrefix(UploadKeys.EXPORTS_PREFIX + TenantId.require(tenantId) + '/');
        } catch (SdkException e) {
            throw new StorageFailedException("deleting the tenant's uploads and exports failed; repeat the delete", e);
        }
    }

    /**
     * Read-modify-write of the bucket's lifecycle configuration: two tenants changed at the same moment can lose
     * one update, which repeating that tenant's create (or delete) puts right.
     */
    @Override
    public void applyRetention(String tenantId, int retentionDays) {
        try {
            replaceRule(tenantId, retentionDays);
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_IMPLEMENTED) {
                throw new StorageFailedException("updating the bucket's upload retention rule failed; repeat the "
                        + "request", e);
            }
            // S3-compatible stores such as the local mode's have no lifecycle API; AWS S3 always has one.
            LOG.warn("the S3 endpoint does not implement bucket lifecycle rules: uploads of tenant {} are not "
                    + "expired by the bucket (result rows still expire by TTL)", tenantId);
        } catch (SdkException e) {
            throw new StorageFailedException("updating the bucket's upload retention rule failed; repeat the request",
                    e);
        }
    }

    private void replaceRule(String tenantId, int retentionDays) {
        String ruleId = ruleId(tenantId);
        List<LifecycleRule> rules = new ArrayList<>(currentRules());
        boolean hadRule = rules.removeIf(rule -> ruleId.equals(rule.id()));
        if (retentionDays > 0) {
            rules.add(LifecycleRule.builder()
                    .id(ruleId)
                    .filter(f -> f.prefix(UploadKeys.tenantUploadsPrefix(tenantId)))
                    .expiration(e -> e.days(retentionDays))
                    .status(ExpirationStatus.ENABLED)
                    .build());
        } else if (!hadRule) {
            return;
        }
        if (rules.isEmpty()) {
            s3.deleteBucketLifecycle(b -> b.bucket(bucket));
        } else {
            s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                    .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
        }
    }

    /** The rule id names the tenant, so it is found again without matching on prefixes. */
    static String ruleId(String tenantId) {
        return "tenant-" + TenantId.require(tenantId) + "-uploads-retention";
    }

    private List<LifecycleRule> currentRules() {
        try {
            return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && NO_LIFECYCLE.equals(e.awsErrorDetails().errorCode())) {
                return List.of();
            }
            throw e;
        }
    }

    /** The dot keeps image {@code abc} from matching {@code abcd.jpg}. */
    private static String uploadPrefix(String tenantId, String imageId) {
        return UploadKeys.tenantUploadsPrefix(tenantId) + imageId + '.';
    }

    private int deletePrefix(String prefix) {
        int deleted = 0;
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                    .toList();
            for (int start = 0; start < keys.size(); start += DELETE_BATCH) {
                List<ObjectIdentifier> batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH));
                var response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(batch).quiet(true)));
                if (!response.errors().isEmpty()) {
                    throw new StorageFailedException("S3 refused to delete " + response.errors().size()
                            + " object(s) under " + prefix + " (" + response.errors().get(0).code()
                            + "); repeat the delete", null);
                }
                deleted += batch.size();
            }
        }
        return deleted;
    }
}
