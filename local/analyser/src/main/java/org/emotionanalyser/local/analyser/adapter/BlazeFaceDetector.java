package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.BoxSuppression;
import org.emotionanalyser.local.analyser.domain.DetectedFace;
import org.emotionanalyser.local.analyser.domain.Landmark;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.FaceDetector;
import org.emotionanalyser.router.domain.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Face detection with BlazeFace (256 x 256 input, 896 anchors on a 16 x 16 and an 8 x 8 grid). Each anchor predicts
 * a face score, a box offset and size, and six keypoints (both eyes, nose, mouth, both ears).
 */
public final class BlazeFaceDetector implements FaceDetector {

    private static final int INPUT = 256;
    /** The model outputs the detector reads: scores and regressors of both anchor grids. */
    public static final List<String> OUTPUTS = List.of("Identity", "Identity_1", "Identity_2", "Identity_3");
    private static final double MAX_OVERLAP = 0.3;

    private final OnnxModel model;
    private final float[][] anchors = anchors();

    public BlazeFaceDetector(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static BlazeFaceDetector load() {
        return new BlazeFaceDetector(OnnxModel.fromClasspath("blazeface", OUTPUTS));
    }

    @Override
    public List<DetectedFace> detect(RgbImage image, double minConfidence) {
        List<DetectedFace> candidates = new ArrayList<>();
        for (double[] region : regions(image)) {
            candidates.addAll(detectIn(image, region, minConfidence));
        }
        List<DetectedFace> suppressed = BoxSuppression.suppress(candidates, DetectedFace::box, DetectedFace::confidence,
                MAX_OVERLAP);
        List<DetectedFace> kept = new ArrayList<>(suppressed);
        kept.removeIf(f -> containsSmallerDuplicate(f, suppressed));
        kept.sort(Comparator.comparingDouble(DetectedFace::confidence).reversed());
        return kept;
    }

    /**
     * BlazeFace sees the image at 256 px, where faces in a group photo become too small to find; so besides the whole
     * image it looks at overlapping square tiles, each showing faces larger.
     */
    private static List<double[]> regions(RgbImage image) {
        List<double[]> regions = new ArrayList<>();
        double w = image.width();
        double h = image.height();
        double side = Math.max(w, h);
        // the whole image, padded to a square so faces keep their shape
        regions.add(new double[] {(w - side) / 2, (h - side) / 2, side});
        double tile = Math.min(w, h) / 1.5;
        if (tile >= INPUT) {
            int columns = (int) Math.ceil((w - tile) / (tile * 0.6)) + 1;
            int rows = (int) Math.ceil((h - tile) / (tile * 0.6)) + 1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double left = columns == 1 ? (w - tile) / 2 : c * (w - tile) / (columns - 1);
                    double top = rows == 1 ? (h - tile) / 2 : r * (h - tile) / (rows - 1);
                    regions.add(new double[] {left, top, tile});
                }
            }
        }
        return regions;
    }

    private List<DetectedFace> detectIn(RgbImage image, double[] region, double minConfidence) {
        double left = region[0];
        double top = region[1];
        double side = region[2];
        RgbImage input = image.crop(left, top, left + side, top + side, INPUT, INPUT);
        Map<String, OnnxModel.Output> outputs = model.run(input.toNhwc(1 / 127.5f, -1f), new long[] {1, INPUT, INPUT, 3});
        // outputs: scores and regressors for the 512 anchors of the 16 x 16 grid and the 384 of the 8 x 8 grid
        List<float[]> bySize = outputs.values().stream().map(OnnxModel.Output::values)
                .sorted(Comparator.comparingInt(v -> v.length)).toList();
        float[] scores = concat(bySize.get(1), bySize.get(0));
        float[] regressors = concat(bySize.get(3), bySize.get(2));
        List<DetectedFace> faces = new ArrayList<>();
        for (int a = 0; a < anchors.length; a++) {
            double score = 1 / (1 + Math.exp(-scores[a]));
            if (score < minConfidence) {
                continue;
            }
            int r = a * 16;
            double cx = anchors[a][0] + regressors[r];
            double cy = anchors[a][1] + regressors[r + 1];
            double bw = regressors[r + 2];
            double bh = regressors[r + 3];
            double scale = side / INPUT;
            double x0 = clamp((left + (cx - bw / 2) * scale) / image.width());
            double y0 = clamp((top + (cy - bh / 2) * scale) / image.height());
            double x1 = clamp((left + (cx + bw / 2) * scale) / image.width());
            double y1 = clamp((top + (cy + bh / 2) * scale) / image.height());
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            double[][] points = new double[3][];
            for (int k = 0; k < 3; k++) { // keypoints 0, 1: the eyes; 2: the nose
                points[k] = new double[] {
                        clamp((left + (anchors[a][0] + regressors[r + 4 + 2 * k]) * scale) / image.width()),
                        clamp((top + (anchors[a][1] + regressors[r + 5 + 2 * k]) * scale) / image.height())};
            }
            boolean firstIsLeft = points[0][0] <= points[1][0];
            List<Landmark> landmarks = List.of(
                    new Landmark("eyeLeft", points[firstIsLeft ? 0 : 1][0], points[firstIsLeft ? 0 : 1][1]),
                    new Landmark("eyeRight", points[firstIsLeft ? 1 : 0][0], points[firstIsLeft ? 1 : 0][1]),
                    new Landmark("nose", points[2][0], points[2][1]));
            faces.add(new DetectedFace(new BoundingBox(x0, y0, x1 - x0, y1 - y0), score, landmarks));
        }
        return faces;
    }

    /** A tile can cut a face in half; drop a box that mostly lies inside a larger, more confident one. */
    private static boolean containsSmallerDuplicate(DetectedFace face, List<DetectedFace> all) {
        BoundingBox b = face.box();
        for (DetectedFace other : all) {
            BoundingBox o = other.box();
            if (other == face || o.width() * o.height() <= b.width() * b.height()) {
                continue;
            }
            double ix = Math.max(0, Math.min(b.left() + b.width(), o.left() + o.width()) - Math.max(b.left(), o.left()));
            double iy = Math.max(0, Math.min(b.top() + b.height(), o.top() + o.height()) - Math.max(b.top(), o.top()));
            if (ix * iy > 0.6 * b.width() * b.height()) {
                return true;
            }
        }
        return false;
    }

    private static float[][] anchors() {
        List<float[]> list = new ArrayList<>();
        int[][] spec = {{16, 2}, {32, 6}}; // stride in pixels, anchors per cell
        for (int[] level : spec) {
            int grid = INPUT / level[0];
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    for (int n = 0; n < level[1]; n++) {
                        list.add(new float[] {level[0] * (x + 0.5f), level[0] * (y + 0.5f)});
                    }
                }
            }
        }
        return list.toArray(new float[0][]);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double clamp(double ratio) {
        return Math.min(1, Math.max(0, ratio));
    }
}
