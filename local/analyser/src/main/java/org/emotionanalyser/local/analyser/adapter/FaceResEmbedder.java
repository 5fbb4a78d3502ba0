package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.FaceEmbedder;

import java.util.List;

/**
 * Face identity embeddings from the HSE FaceRes model: a 224 x 224 RGB face in 0..255 gives a 1024-d vector
 * (the global average pool before its age and gender heads).
 */
public final class FaceResEmbedder implements FaceEmbedder {

    private static final int INPUT = 224;
    private static final String OUTPUT = "global_pooling/Mean";
    /** The model outputs the embedder reads. */
    public static final List<String> OUTPUTS = List.of(OUTPUT);

    private final OnnxModel model;

    public FaceResEmbedder(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static FaceResEmbedder load() {
        return new FaceResEmbedder(OnnxModel.fromClasspath("faceres", OUTPUTS));
    }

    @Override
    public int cropSize() {
        return INPUT;
    }

    @Override
    public float[] embed(RgbImage faceCrop) {
        float[] embedding = model.run(faceCrop.toNhwc(1f, 0f), new long[] {1, INPUT, INPUT, 3}).get(OUTPUT).values();
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
}
