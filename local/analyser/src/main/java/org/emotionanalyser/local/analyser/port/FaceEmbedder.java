package org.emotionanalyser.local.analyser.port;

import org.emotionanalyser.local.analyser.domain.RgbImage;

/** Turns a face crop into an identity embedding; crops of the same person give nearby (high cosine) vectors. */
public interface FaceEmbedder {

    /** Side of the square face crop the embedder wants, in pixels. */
    int cropSize();

    /** The embedding, L2-normalised. */
    float[] embed(RgbImage faceCrop);
}
