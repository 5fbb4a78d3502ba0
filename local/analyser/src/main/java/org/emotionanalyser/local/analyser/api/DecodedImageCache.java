package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The images decoded for the last few requests, keyed by the SHA-256 of their bytes: the reader sends the same
 * image to DetectLabels and then RecognizeCelebrities (sometimes DetectFaces too), and it is decoded once. Entries
 * live {@code ttl} and at most {@code maxEntries} are kept (each at most
 * {@link BoundedImageDecoder#MAX_DECODED_SIDE}² × 3 floats), least recently used dropped first. Because the same
 * {@link RgbImage} instance comes back, face detection remembered per instance is reused too.
 */
public final class DecodedImageCache {

    private record Entry(RgbImage image, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public DecodedImageCache(int maxEntries, Duration ttl, Clock clock) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be 0 or more");
        }
        this.maxEntries = maxEntries;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The decoded image of {@code bytes}, decoded by {@code decoder} unless a recent request decoded it. */
    public RgbImage get(byte[] bytes, Function<byte[], RgbImage> decoder) {
        if (maxEntries == 0) {
            return decoder.apply(bytes);
        }
        String key = sha256(bytes);
        long now = clock.millis();
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry != null && entry.expiresAtMillis() > now) {
                return entry.image();
            }
        }
        // Decoded outside the lock: other requests go on meanwhile (two racing requests may both decode, once).
        RgbImage image = decoder.apply(bytes);
        synchronized (this) {
            entries.put(key, new Entry(image, now + ttlMillis));
            for (Iterator<Entry> oldest = entries.values().iterator();
                 oldest.hasNext() && entries.size() > maxEntries; ) {
                oldest.next();
                oldest.remove();
            }
            entries.values().removeIf(e -> e.expiresAtMillis() <= now);
        }
        return image;
    }

    /** How many images are held now. */
    public synchronized int size() {
        return entries.size();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
