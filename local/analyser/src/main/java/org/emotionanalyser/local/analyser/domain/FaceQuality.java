package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;

/**
 * How bright and how sharp a face looks, each 0..100 (higher: brighter, sharper), as Rekognition's {@code Quality}
 * reports it, measured on the pixels inside the face's box; no model is involved.
 *
 * <ul>
 *   <li>{@code brightness}: the mean luma (BT.601) of the face, 0 (black) .. 255 (white), mapped linearly to
 *   0..100.</li>
 *   <li>{@code sharpness}: the variance of the Laplacian (the classic focus measure) of the face's luma, resampled to
 *   {@link #SIDE} x {@link #SIDE} pixels so a face's sharpness does not depend on the photo's resolution, mapped to
 *   0..100 by {@code 100 v / (v + HALF_SHARPNESS_VARIANCE)}: 0 for a flat face, 50 at
 *   {@link #HALF_SHARPNESS_VARIANCE}, approaching 100 for crisp detail. A face smaller than {@code SIDE} pixels is
 *   enlarged, so it scores low: it has little detail, which is what the figure reports.</li>
 * </ul>
 */
public record FaceQuality(double brightness, double sharpness) {

    /** The side of the square the face is resampled to before its Laplacian is measured. */
    static final int SIDE = 112;
    /**
     * The Laplacian variance (luma in 0..255) that maps to a sharpness of 50. A round figure between what was
     * measured, not fitted to photos: the small, soft, re-compressed dev-set faces score around 35 with it (median
     * variance about 54), the sharper faces of the face-api group photos 30-90 (median 56), blurred or tiny ones under 20
     * (module README, Pose and Quality).
     */
    static final double HALF_SHARPNESS_VARIANCE = 100;

    /** Measures the face in {@code box} (ratios of the image's width and height). */
    public static FaceQuality measure(RgbImage image, BoundingBox box) {
        double left = box.left() * image.width();
        double top = box.top() * image.height();
        double right = (box.left() + box.width()) * image.width();
        double bottom = (box.top() + box.height()) * image.height();
        float[] luma = image.crop(left, top, right, bottom, SIDE, SIDE).toGray(255, 0);
        double sum = 0;
        for (float value : luma) {
            sum += value;
        }
        double brightness = 100 * sum / luma.length / 255;
        double variance = laplacianVariance(luma, SIDE);
        return new FaceQuality(clamp(brightness), clamp(100 * variance / (variance + HALF_SHARPNESS_VARIANCE)));
    }

    /** The variance of the 4-neighbour Laplacian over the inner pixels of a {@code side} x {@code side} luma square. */
    static double laplacianVariance(float[] luma, int side) {
        double sum = 0;
        double sumOfSquares = 0;
        int n = 0;
        for (int y = 1; y < side - 1; y++) {
            for (int x = 1; x < side - 1; x++) {
                int i = y * side + x;
                double laplacian = luma[i - 1] + luma[i + 1] + luma[i - side] + luma[i + side] - 4 * luma[i];
                sum += laplacian;
                sumOfSquares += laplacian * laplacian;
                n++;
            }
        }
        double mean = sum / n;
        return sumOfSquares / n - mean * mean;
    }

    private static double clamp(double score) {
        return Math.min(100, Math.max(0, score));
    }
}
