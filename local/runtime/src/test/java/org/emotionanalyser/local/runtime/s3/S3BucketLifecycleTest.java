package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.LocalAwsServices;
import org.emotionanalyser.local.runtime.LocalServicesExtension;
import org.emotionanalyser.local.runtime.LocalServicesOptions;
import org.emotionanalyser.local.runtime.TestAwsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.emotionanalyser.tenants.adapter.S3TenantObjects;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The S3 bucket lifecycle API of local mode, driven by the real SDK client through the edge, and its sweeper. */
class S3BucketLifecycleTest {

    @RegisterExtension
    static final LocalServicesExtension aws = new LocalServicesExtension();
    private static int buckets;

    /** A bucket of its own for each test, so the tests share one set of services but no state. */
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = "images-" + ++buckets;
        aws.s3().createBucket(b -> b.bucket(bucket));
    }

    @Test
    void getBucketLifecycleConfiguration_whenPutBefore_returnsTheRulesAsPut() {
        List<LifecycleRule> rules = List.of(
                expireUploadsAfter("tenant-acme", "uploads/acme/", 30),
                LifecycleRule.builder().id("archive-by-date")
                        .filter(f -> f.and(a -> a.prefix("archive/").objectSizeGreaterThan(1024L)))
                        .status(ExpirationStatus.DISABLED)
                        .expiration(e -> e.date(Instant.parse("2030-01-01T00:00:00Z")))
                        .transitions(t -> t.days(10).storageClass(TransitionStorageClass.GLACIER))
                        .noncurrentVersionExpiration(n -> n.noncurrentDays(7))
                        .build());

        aws.s3().putBucketLifecycleConfiguration(p -> p.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));

        assertThat(aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules())
                .isEqualTo(rules);
    }

    @Test
    void getBucketLifecycleConfiguration_whenNoneWasPut_failsWithNoSuchLifecycleConfiguration() {
        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
    }

    @Test
    void deleteBucketLifecycle_whenConfigurationExists_removesIt() {
        putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 30));

        aws.s3().deleteBucketLifecycle(d -> d.bucket(bucket));

        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
    }

    @Test
    void putBucketLifecycleConfiguration_whenBucketDoesNotExist_failsWithNoSuchBucket() {
        S3Exception error = catchThrowableOfType(S3Exception.class, () -> aws.s3().putBucketLifecycleConfiguration(
                p -> p.bucket("no-such-bucket").lifecycleConfiguration(BucketLifecycleConfiguration.builder()
                        .rules(expireUploadsAfter("r", "uploads/", 1)).build())));

        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucket");
    }

    @Test
    void putBucketLifecycleConfiguration_whenExpirationDaysIsZero_failsWithInvalidArgumentAndKeepsTheEarlierRules() {
        putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 30));

        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 0)));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
        assertThat(aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules())
                .extracting(rule -> rule.expiration().days()).containsExactly(30);
    }

    @Test
    void start_whenConfigurationWasPutBeforeARestart_stillReturnsIt(@TempDir Path ownDataDir) {
        LifecycleRule rule = expireUploadsAfter("tenant-acme", "uploads/acme/", 30);
        LocalServicesOptions options = new LocalServicesOptions(ownDataDir, 0, TestAwsClients.REGION, TestAwsClients.ACCOUNT);
        try (LocalAwsServices first = LocalAwsServices.start(options);
             TestAwsClients firstClients = new TestAwsClients(first.edgeEndpoint())) {
            firstClients.s3().createBucket(b -> b.bucket("images"));
            firstClients.s3().putBucketLifecycleConfiguration(p -> p.bucket("images")
                    .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rule).build()));
        }

        try (LocalAwsServices second = LocalAwsServices.start(options);
             TestAwsClients secondClients = new TestAwsClients(second.edgeEndpoint())) {
            assertThat(secondClients.s3().getBucketLifecycleConfiguration(g -> g.bucket("images")).rules())
                    .containsExactly(rule);
        }
    }

    @Test
    void deleteBucket_whenBucketHadConfiguration_recreatedBucketHasNone() {
        putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 30));

        aws.s3().deleteBucket(d -> d.bucket(bucket));
        aws.s3().createBucket(b -> b.bucket(bucket));

        S3Exception error = catchThrowableOfType(S3Exception.class,
                () -> aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)));
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("NoSuchLifecycleConfiguration");
    }

    @Test
    void expireObjects_whenRuleDaysHavePassed_deletesOnlyObjectsUnderAnEnabledRulesPrefix() {
        putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 30),
                LifecycleRule.builder().id("tenant-paused").filter(f -> f.prefix("uploads/paused/"))
                        .status(ExpirationStatus.DISABLED).expiration(e -> e.days(1)).build());
        for (String key : List.of("uploads/acme/a.jpg", "uploads/acme/nested/b.jpg", "uploads/beta/c.jpg",
                "uploads/paused/d.jpg", "uploads/acme.jpg")) {
            aws.s3().putObject(p -> p.bucket(bucket).key(key), RequestBody.fromString("jpeg"));
        }
        Instant written = Instant.now();

        aws.services().expireObjects(written.plus(Duration.ofDays(29)));
        List<String> keptTooEarly = keys();
        aws.services().expireObjects(written.plus(Duration.ofDays(31)));

        assertThat(keptTooEarly).hasSize(5);
        assertThat(keys()).containsExactlyInAnyOrder("uploads/beta/c.jpg", "uploads/paused/d.jpg",
                "uploads/acme.jpg");
    }

    @Test
    void expireObjects_whenOneObjectIsOlderThanTheRuleAndOneYounger_deletesOnlyTheOlder() throws Exception {
        putRules(expireUploadsAfter("tenant-acme", "uploads/acme/", 5));
        aws.s3().putObject(p -> p.bucket(bucket).key("uploads/acme/old.jpg"), RequestBody.fromString("jpeg"));
        aws.s3().putObject(p -> p.bucket(bucket).key("uploads/acme/young.jpg"), RequestBody.fromString("jpeg"));
        // The filesystem store reports a file's modification time as the object's last-modified time.
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        Files.setLastModifiedTime(aws.dataDir().resolve("s3").resolve(bucket).resolve("uploads/acme/old.jpg"),
                FileTime.from(tenDaysAgo));
        assertThat(aws.s3().headObject(h -> h.bucket(bucket).key("uploads/acme/old.jpg")).lastModified())
                .isBefore(Instant.now().minus(Duration.ofDays(9)));

        int deleted = aws.services().expireObjectsNow();

        assertThat(deleted).isEqualTo(1);
        assertThat(keys()).containsExactly("uploads/acme/young.jpg");
    }

    @Test
    void applyRetention_whenTwoTenantsSetRetentionAndOneIsRemoved_bucketKeepsTheOtherTenantsRule() {
        S3TenantObjects tenants = new S3TenantObjects(aws.s3(), bucket);

        tenants.applyRetention("acme", 30);
        tenants.applyRetention("beta", 7);
        tenants.applyRetention("acme", 0);

        assertThat(aws.s3().getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules())
                .extracting(rule -> rule.filter().prefix(), rule -> rule.expiration().days())
                .containsExactly(tuple("uploads/beta/", 7));
    }

    private List<String> keys() {
        return aws.s3().listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    private void putRules(LifecycleRule... rules) {
        aws.s3().putBucketLifecycleConfiguration(p -> p.bucket(bucket)
                .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build()));
    }

    private static LifecycleRule expireUploadsAfter(String id, String prefix, int days) {
        return LifecycleRule.builder().id(id).filter(f -> f.prefix(prefix)).status(ExpirationStatus.ENABLED)
                .expiration(e -> e.days(days)).build();
    }
}
