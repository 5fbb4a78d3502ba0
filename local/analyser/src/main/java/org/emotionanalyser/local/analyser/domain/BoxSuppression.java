package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Greedy non-maximum suppression: keeps the most confident of every group of overlapping boxes. */
public final class BoxSuppression {

    private BoxSuppression() {
    }

    public static <T> List<T> suppress(List<T> candidates, Function<T, BoundingBox> box, ToDoubleFunction<T> score,
                                       double maxOverlap) {
        List<T> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(score).reversed());
        List<T> kept = new ArrayList<>();
        for (T candidate : sorted) {
            boolean overlaps = kept.stream()
                    .anyMatch(k -> box.apply(k).intersectionOverUnion(box.apply(candidate)) > maxOverlap);
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }
}
