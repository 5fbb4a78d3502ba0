package org.emotionanalyser.local.analyser.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The known people the analyser recognises ("celebrities" in Rekognition's API): for each person one or more
 * L2-normalised face embeddings. A face matches the person with the most similar embedding when the cosine
 * similarity reaches the threshold; the match confidence is that similarity as a percentage.
 */
public final class FaceGallery {

    /** One enrolled face of a person. */
    public record Entry(String name, String id, float[] embedding) {
    }

    private final List<Entry> entries;
    private final double threshold;

    public FaceGallery(List<Entry> entries, double threshold) {
        this.entries = List.copyOf(entries);
        this.threshold = threshold;
    }

    public static FaceGallery empty(double threshold) {
        return new FaceGallery(List.of(), threshold);
    }

    public List<Entry> entries() {
        return entries;
    }

    public double threshold() {
        return threshold;
    }

    /** A gallery with more entries. */
    public FaceGallery with(List<Entry> more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(more);
        return new FaceGallery(all, threshold);
    }

    /** The best matching person at or above the threshold, if any. */
    public Optional<GalleryMatch> match(float[] embedding) {
        Entry best = null;
        double bestSimilarity = -1;
        for (Entry entry : entries) {
            double similarity = cosine(entry.embedding(), embedding);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = entry;
            }
        }
        if (best == null || bestSimilarity < threshold) {
            return Optional.empty();
        }
        return Optional.of(new GalleryMatch(best.name(), best.id(), Math.min(100, 100 * bestSimilarity)));
    }

    /** Cosine similarity of two vectors of the same length. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
