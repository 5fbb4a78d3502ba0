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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The images decoded for the last few requests, keyed by the SHA-256 of their bytes, or for a stored object by its
 * location and entity tag: the reader sends the same image to DetectLabels and then RecognizeCelebrities (sometimes
 * DetectFaces too), and it is decoded once. Entries live {@code ttl}; the decoded images kept weigh at most
 * {@code maxBytes} together (a 1920x1080 photo is 6 MB as the decoder's 8-bit samples), least recently used dropped
 * first. Because the same {@link RgbImage} instance comes back, face detection remembered per instance is reused too.
 */
public final class DecodedImageCache {

    private record Entry(RgbImage image, String eTag, long expiresAtMillis) {
    }

    /** An image decoded from a stored object, and the entity tag the object had then. */
    public record Held(RgbImage image, String eTag) {
    }

    private final long maxBytes;
    private final long ttlMillis;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param maxBytes the most the kept images may weigh together; 0 keeps none */
    public DecodedImageCache(long maxBytes, Duration ttl, Clock clock) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be 0 or more");
        }
        this.maxBytes = maxBytes;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    /** The decoded image of {@code bytes}, decoded by {@code decoder} unless a recent request decoded it. */
    public RgbImage get(byte[] encoded, Function<byte[], RgbImage> decoder) {
        if (maxBytes == 0) {
            return decoder.apply(encoded);
        }
        return getOrDecode("sha256:" + sha256(encoded), null, () -> decoder.apply(encoded));
    }

    /** The image decoded from the object at {@code location} while it had entity tag {@code eTag}, if still held. */
    public synchronized Optional<Held> find(String location) {
        Entry entry = entries.get(objectKey(location));
        return entry != null && entry.expiresAtMillis() > clock.millis()
                ? Optional.of(new Held(entry.image(), entry.eTag())) : Optional.empty();
    }

    /**
     * The image of the object at {@code location} with entity tag {@code eTag}: the held one when the tag is the
     * same, else {@code decoded}'s, which is then held for {@link #find}.
     */
    public RgbImage get(String location, String eTag, Supplier<RgbImage> decoded) {
        if (maxBytes == 0) {
            return decoded.get();
        }
        return getOrDecode(objectKey(location), eTag, decoded);
    }

    /** The key a stored object's image is held under; images given as bytes are held under their hash. */
    private static String objectKey(String location) {
        return "object:" + location;
    }

    private RgbImage getOrDecode(String key, String eTag, Supplier<RgbImage> decoded) {
        long now = clock.millis();
        synchronized (this) {
            Entry entry = entries.get(key);
            if (entry != null && entry.expiresAtMillis() > now && Objects.equals(entry.eTag(), eTag)) {
                return entry.image();
            }
        }
        // Decoded outside the lock: other requests go on meanwhile (two racing requests may both decode, once).
        RgbImage image = decoded.get();
        if (weight(image) > maxBytes) {
            return image;
        }
        synchronized (this) {
            Entry replaced = entries.put(key, new Entry(image, eTag, now + ttlMillis));
            bytes += weight(image) - (replaced == null ? 0 : weight(replaced.image()));
            for (Iterator<Entry> oldest = entries.values().iterator(); oldest.hasNext(); ) {
                Entry entry = oldest.next();
                if (bytes > maxBytes || entry.expiresAtMillis() <= now) {
                    oldest.remove();
                    bytes -= weight(entry.image());
                }
            }
        }
        return image;
    }

    /** What a decoded image occupies. */
    static long weight(RgbImage image) {
        return image.bytesHeld();
    }

    /** What the kept images weigh together. */
    public synchronized long bytes() {
        return bytes;
    }

    /** How many images are held now. */
    public synchronized int size() {
        return entries.size();
    }

    private static String sha256(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
