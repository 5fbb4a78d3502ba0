package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.AgeGender;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.AgeGenderEstimator;
import org.emotionanalyser.local.analyser.port.FaceEmbedder;

import java.util.List;
import java.util.Map;

/**
 * The HSE FaceRes model (from Human's model package): a 224 x 224 RGB face crop in 0..255 gives a 1024-d identity
 * embedding (the global average pool) and, from two small heads on top of it, an age distribution (softmax over
 * 0..99 years) and a gender score (sigmoid, above 0.5 male, as Human reads it). One network, so one loaded model
 * serves both ports; the heads cost next to nothing beside the convolutional body.
 */
public final class FaceResModel implements FaceEmbedder, AgeGenderEstimator {

    private static final int INPUT = 224;
    private static final String EMBEDDING = "global_pooling/Mean";
    private static final String AGE = "age_pred/Softmax";
    private static final String GENDER = "gender_pred/Sigmoid";
    /** The model outputs this adapter reads. */
    public static final List<String> OUTPUTS = List.of(EMBEDDING, AGE, GENDER);

    private final OnnxModel model;

    public FaceResModel(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static FaceResModel load() {
        return new FaceResModel(OnnxModel.fromClasspath("faceres", OUTPUTS));
    }

    @Override
    public int cropSize() {
        return INPUT;
    }

    @Override
    public float[] embed(RgbImage faceCrop) {
        float[] embedding = run(faceCrop).get(EMBEDDING).values();
        double norm = 0;
        for (float v : embedding) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] *= scale;
        }
        return embedding;
    }

    @Override
    public AgeGender estimate(RgbImage faceCrop) {
        Map<String, OnnxModel.Output> outputs = run(faceCrop);
        return AgeGender.fromModel(outputs.get(AGE).values(), outputs.get(GENDER).values()[0]);
    }

    private Map<String, OnnxModel.Output> run(RgbImage faceCrop) {
        return model.run(faceCrop.toNhwc(1f, 0f), new long[] {1, INPUT, INPUT, 3});
    }
}
