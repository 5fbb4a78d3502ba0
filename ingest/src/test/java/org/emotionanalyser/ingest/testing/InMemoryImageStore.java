package org.emotionanalyser.ingest.testing;

import org.emotionanalyser.ingest.domain.ObjectMetadata;
import org.emotionanalyser.ingest.domain.ObjectMissingException;
import org.emotionanalyser.ingest.domain.ObjectStart;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.port.ImageStore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ImageStore} in memory that records how much of each object was read. */
public final class InMemoryImageStore implements ImageStore {

    /** One stored object. */
    public record StoredBytes(byte[] bytes, String contentType, Map<String, String> metadata, String eTag) {
    }

    private final Map<String, StoredBytes> objects = new ConcurrentHashMap<>();
    private final List<String> operations = new ArrayList<>();
    private final Map<String, RuntimeException> readFailures = new ConcurrentHashMap<>();
    private long bytesRead;

    public void add(String bucket, String key, byte[] bytes, String contentType) {
        String eTag;
        try {
            // S3's ETag of a single-part upload is the MD5 of the content.
            eTag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        objects.put(bucket + "/" + key, new StoredBytes(bytes, contentType, Map.of(), eTag));
    }

    /** Makes reads of this key fail as S3 does when it is unavailable. */
    public void failReads(String bucket, String key) {
        readFailures.put(bucket + "/" + key, new StoreUnavailableException("GetObject of s3://" + bucket + "/"
                + key + " failed (HTTP 503)", new RuntimeException("SlowDown")));
    }

    public void delete(String bucket, String key) {
        objects.remove(bucket + "/" + key);
    }

    public Optional<StoredBytes> get(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    public Map<String, StoredBytes> all() {
        return Map.copyOf(objects);
    }

    /** Operations in order, e.g. {@code readStart uploads/t/x.jpg}. */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    /** Bytes returned by reads so far. */
    public synchronized long bytesRead() {
        return bytesRead;
    }

    @Override
    public synchronized Optional<ObjectStart> readStart(String bucket, String key, String versionId, int length,
                                                        long maxBytes) {
        operations.add("readStart " + key);
        RuntimeException failure = readFailures.get(bucket + "/" + key);
        if (failure != null) {
            throw failure;
        }
        StoredBytes stored = objects.get(bucket + "/" + key);
        if (stored == null) {
            return Optional.empty();
        }
        byte[] bytes = stored.bytes();
        ObjectMetadata metadata = new ObjectMetadata(bytes.length, stored.contentType(), "\"" + stored.eTag() + "\"");
        byte[] leading = bytes.length > maxBytes ? new byte[0] : Arrays.copyOf(bytes, Math.min(length, bytes.length));
        bytesRead += leading.length;
        return Optional.of(new ObjectStart(metadata, leading));
    }

    @Override
    public synchronized byte[] readAll(String bucket, String key, String versionId) {
        operations.add("readAll " + key);
        byte[] bytes = require(bucket, key).bytes().clone();
        bytesRead += bytes.length;
        return bytes;
    }

    @Override
    public synchronized void delete(String bucket, String key, String versionId) {
        operations.add("delete " + key);
        objects.remove(bucket + "/" + key);
    }

    @Override
    public synchronized void put(String bucket, String key, byte[] bytes, String contentType,
                                 Map<String, String> metadata) {
        operations.add("put " + key);
        objects.put(bucket + "/" + key, new StoredBytes(bytes.clone(), contentType, Map.copyOf(metadata), "etag"));
    }

    private StoredBytes require(String bucket, String key) {
        StoredBytes stored = objects.get(bucket + "/" + key);
        if (stored == null) {
            throw new ObjectMissingException("s3://" + bucket + "/" + key + " was deleted before it was analysed");
        }
        return stored;
    }
}
