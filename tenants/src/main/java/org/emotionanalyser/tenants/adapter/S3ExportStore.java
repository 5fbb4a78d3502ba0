package org.emotionanalyser.tenants.adapter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.router.domain.UploadKeys;
import org.emotionanalyser.tenants.domain.ExportFile;
import org.emotionanalyser.tenants.domain.StorageFailedException;
import org.emotionanalyser.tenants.port.ExportStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Exports in S3. The CSV is first written to a temporary file (Lambda's {@code /tmp} holds far more than a day of
 * rows) and then uploaded with its exact length, so memory stays flat however many rows a day has.
 */
public record S3ExportStore(S3Client s3, String bucket) implements ExportStore {

    private static final String SUFFIX = ".csv";
    private static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    /** {@code exports/{tenantId}/{date}.csv}. */
    public static String key(String tenantId, LocalDate date) {
        return prefix(tenantId) + date + SUFFIX;
    }

    @Override
    public ExportFile write(String tenantId, LocalDate date, Consumer<Writer> body) {
        String key = key(tenantId, date);
        Path file = null;
        try {
            file = Files.createTempFile("export-" + tenantId + '-', SUFFIX);
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
                body.accept(out);
            }
            Path written = file;
            s3.putObject(b -> b.bucket(bucket).key(key).contentType(CONTENT_TYPE)
                    .contentDisposition("attachment; filename=\"" + tenantId + '-' + date + SUFFIX + '"'),
                    RequestBody.fromFile(written));
            return find(tenantId, date).orElseThrow(() -> new StorageFailedException(
                    "the export " + key + " was uploaded but cannot be read back; run the export again", null));
        } catch (IOException | UncheckedIOException e) {
            throw new StorageFailedException("could not write the export " + key
                    + " to a temporary file; check the function's free /tmp space and run the export again", e);
        } catch (SdkException e) {
            throw new StorageFailedException("storing the export " + key + " failed; run the export again", e);
        } finally {
            deleteQuietly(file);
        }
    }

    @Override
    public Optional<ExportFile> find(String tenantId, LocalDate date) {
        String key = key(tenantId, date);
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new ExportFile(tenantId, date, key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException absent) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ExportFile> list(String tenantId) {
        String prefix = prefix(tenantId);
        List<ExportFile> files = new ArrayList<>();
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (S3Object object : page.contents()) {
                dateOf(object.key().substring(prefix.length())).ifPresent(date -> files.add(
                        new ExportFile(tenantId, date, object.key(), object.size(), object.lastModified())));
            }
        }
        files.sort(Comparator.comparing(ExportFile::date));
        return files;
    }

    private static String prefix(String tenantId) {
        return UploadKeys.EXPORTS_PREFIX + TenantId.require(tenantId) + '/';
    }

    private static Optional<LocalDate> dateOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(fileName.substring(0, fileName.length() - SUFFIX.length())));
        } catch (DateTimeParseException notAnExport) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A left-over temporary file only costs /tmp space until the instance is recycled.
        }
    }
}
