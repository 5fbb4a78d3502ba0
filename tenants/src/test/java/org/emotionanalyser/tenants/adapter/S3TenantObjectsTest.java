package org.emotionanalyser.tenants.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.tenants.domain.ExportFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3TenantObjectsTest {

    private static final String BUCKET = "p-images";
    private static final String IMAGE = "3f2a9c0e7b1d4e5f8a6b2c9d0e1f2a3b";
    private static final String OTHER_RULE = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            + "<Rule><ID>tenant-tenant-b-uploads-retention</ID><Filter><Prefix>uploads/tenant-b/</Prefix></Filter>"
            + "<Status>Enabled</Status><Expiration><Days>7</Days></Expiration></Rule></LifecycleConfiguration>";

    private InMemoryS3Server s3;
    private S3TenantObjects objects;
    private S3ExportStore exports;

    @BeforeEach
    void setUp() {
        s3 = new InMemoryS3Server(BUCKET);
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", s3.endpoint(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        S3Client client = settings.build(S3Client.builder().forcePathStyle(true), Duration.ofSeconds(10));
        objects = new S3TenantObjects(client, BUCKET);
        exports = new S3ExportStore(client, BUCKET);
    }

    @AfterEach
    void tearDown() {
        s3.close();
    }

    @Test
    void findUpload_whenOnlyAnImageWithLongerIdOrAnotherTenantMatches_findsNothing() {
        s3.objects.put("uploads/tenant-a/" + IMAGE + "ff.jpg", new byte[1]);
        s3.objects.put("uploads/tenant-b/" + IMAGE + ".jpg", new byte[1]);

        assertThat(objects.findUpload("tenant-a", IMAGE)).isEmpty();

        s3.objects.put("uploads/tenant-a/" + IMAGE + ".webp", new byte[1]);
        assertThat(objects.findUpload("tenant-a", IMAGE)).hasValue("uploads/tenant-a/" + IMAGE + ".webp");
    }

    @Test
    void deleteUploads_whenImageStored_deletesOnlyThatImagesObjects() {
        s3.objects.put("uploads/tenant-a/" + IMAGE + ".jpg", new byte[1]);
        s3.objects.put("uploads/tenant-a/" + IMAGE + "ff.jpg", new byte[1]);
        s3.objects.put("uploads/tenant-b/" + IMAGE + ".jpg", new byte[1]);

        assertThat(objects.deleteUploads("tenant-a", IMAGE)).isEqualTo(1);
        assertThat(s3.objects).containsOnlyKeys("uploads/tenant-a/" + IMAGE + "ff.jpg",
                "uploads/tenant-b/" + IMAGE + ".jpg");
        assertThat(objects.deleteUploads("tenant-a", IMAGE)).isZero();
    }

    @Test
    void deleteAll_whenTenantHasUploadsAndExports_deletesThemAndNothingOfOtherTenants() {
        s3.objects.put("uploads/tenant-a/" + IMAGE + ".jpg", new byte[1]);
        s3.objects.put("exports/tenant-a/2026-11-20.csv", new byte[1]);
        s3.objects.put("uploads/tenant-ab/" + IMAGE + ".jpg", new byte[1]);
        s3.objects.put("exports/tenant-b/2026-11-20.csv", new byte[1]);

        objects.deleteAll("tenant-a");

        assertThat(s3.objects).containsOnlyKeys("uploads/tenant-ab/" + IMAGE + ".jpg",
                "exports/tenant-b/2026-11-20.csv");
    }

    @Test
    void applyRetention_whenBucketHasAnotherTenantsRule_keepsItAndAddsThisTenants() {
        s3.lifecycle = OTHER_RULE;

        objects.applyRetention("tenant-a", 14);

        assertThat(s3.lifecycle).contains("<ID>tenant-tenant-b-uploads-retention</ID>")
                .contains("<ID>tenant-tenant-a-uploads-retention</ID>")
                .contains("<Prefix>uploads/tenant-a/</Prefix>")
                .contains("<Days>14</Days>").contains("<Days>7</Days>");
    }

    @Test
    void applyRetention_whenChangedThenZero_replacesTheRuleThenRemovesOnlyIt() {
        objects.applyRetention("tenant-a", 14);
        objects.applyRetention("tenant-a", 30);
        assertThat(s3.lifecycle).contains("<Days>30</Days>").doesNotContain("<Days>14</Days>");

        objects.applyRetention("tenant-a", 0);
        assertThat(s3.lifecycle).isNull();

        s3.lifecycle = OTHER_RULE;
        objects.applyRetention("tenant-a", 0);
        assertThat(s3.lifecycle).isEqualTo(OTHER_RULE);
    }

    @Test
    void applyRetention_whenEndpointHasNoLifecycleApi_succeedsWithoutRule() {
        s3.lifecycleSupported = false;

        objects.applyRetention("tenant-a", 14);

        assertThat(s3.requests).anyMatch(request -> request.startsWith("GET /" + BUCKET + "?lifecycle"));
        assertThat(s3.lifecycle).isNull();
    }

    @Test
    void write_whenBodyStreamed_storesCsvUnderExportKeyAndListsIt() {
        ExportFile file = exports.write("tenant-a", LocalDate.parse("2026-11-20"),
                out -> org.emotionanalyser.tenants.domain.CsvFormat.writeRecord(out, java.util.List.of("Zoë", "a,b")));

        assertThat(file.key()).isEqualTo("exports/tenant-a/2026-11-20.csv");
        assertThat(new String(s3.objects.get(file.key()), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("Zoë,\"a,b\"\r\n");
        assertThat(file.sizeBytes()).isEqualTo("Zoë,\"a,b\"\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(s3.contentTypes.get(file.key())).startsWith("text/csv");
        s3.objects.put("exports/tenant-a/notes.txt", new byte[1]);
        s3.objects.put("exports/tenant-a/2026-11-18.csv", new byte[1]);
        assertThat(exports.list("tenant-a")).extracting(ExportFile::date)
                .containsExactly(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-20"));
        assertThat(exports.find("tenant-a", LocalDate.parse("2026-11-19"))).isEmpty();
    }
}
