package org.emotionanalyser.router.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of analysing one image, as published on the bus (detail-type {@code ImageAnalyzed}).
 *
 * @param analyzer        {@code rekognition} or {@code local}
 * @param dominantEmotion the most frequent face emotion, {@code null} when there are no faces
 */
public record ImageAnalyzed(int schemaVersion,
                            String tenantId,
                            String imageId,
                            StoredObject object,
                            Instant analyzedAt,
                            String analyzer,
                            PersonDetection person,
                            List<Face> faces,
                            Map<Emotion, Integer> emotionCounts,
                            Emotion dominantEmotion,
                            List<CelebritySummary> celebrities) implements AnalysisEvent {

    public static final String DETAIL_TYPE = "ImageAnalyzed";

    public ImageAnalyzed {
        EventFields.requireImage(tenantId, imageId, object);
        Objects.requireNonNull(analyzedAt, "analyzedAt");
        faces = faces == null ? List.of() : List.copyOf(faces);
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        if (emotionCounts != null) {
            counts.putAll(emotionCounts);
        }
        emotionCounts = java.util.Collections.unmodifiableMap(counts);
        celebrities = celebrities == null ? List.of() : List.copyOf(celebrities);
        person = person == null ? PersonDetection.none() : person;
    }

    /**
     * Builds the event from faces, deriving counts, the dominant emotion and the celebrity list with the rule in
     * {@link EmotionRules}, so producers cannot publish inconsistent summaries.
     */
    public static ImageAnalyzed of(String tenantId, String imageId, StoredObject object, Instant analyzedAt,
                                   String analyzer, PersonDetection person, List<Face> faces) {
        List<CelebritySummary> celebrities = faces.stream()
                .filter(face -> face.celebrity() != null)
                .map(face -> new CelebritySummary(face.celebrity().name(), face.celebrity().matchConfidence()))
                .toList();
        return new ImageAnalyzed(SCHEMA_VERSION, tenantId, imageId, object, analyzedAt, analyzer, person, faces,
                EmotionRules.countByEmotion(faces), EmotionRules.dominantEmotionOfImage(faces), celebrities);
    }

    /** The same analysis with every face judged with another emotion threshold (a tenant's own). */
    public ImageAnalyzed withEmotionThreshold(double threshold) {
        List<Face> rejudged = faces.stream().map(face -> face.withThreshold(threshold)).toList();
        return new ImageAnalyzed(schemaVersion, tenantId, imageId, object, analyzedAt, analyzer, person, rejudged,
                EmotionRules.countByEmotion(rejudged), EmotionRules.dominantEmotionOfImage(rejudged), celebrities);
    }

    @Override
    public String detailType() {
        return DETAIL_TYPE;
    }
}
