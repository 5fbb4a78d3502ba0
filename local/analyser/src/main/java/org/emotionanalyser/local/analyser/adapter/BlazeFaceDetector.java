package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.BoxSuppression;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
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
 * Face detection with two BlazeFace networks: the long-range {@code blazeface} (256 x 256 input) for faces up to about
 * half the frame and, with tiles, small faces in groups; the short-range {@code blazeface-front} (128 x 128 input) for
 * faces that fill the frame. Both have 896 anchors on a fine and a coarse grid; each anchor predicts a face score, a
 * box offset and size, and six keypoints (both eyes, nose, mouth, both ears). Candidates of every pass are merged by
 * non-maximum suppression; a kept face's landmarks are averaged over every candidate of the same face.
 */
public final class BlazeFaceDetector implements FaceDetector {

    private static final int LONG_RANGE_INPUT = 256;
    /** The model outputs the detector reads: scores and regressors of both anchor grids. */
    public static final List<String> OUTPUTS = List.of("Identity", "Identity_1", "Identity_2", "Identity_3");
    private static final double MAX_OVERLAP = 0.3;
    /** Candidates whose boxes overlap this much (intersection over union) are the same face seen by several passes. */
    private static final double SAME_FACE = 0.5;
    /**
     * The short-range model sees the whole image at these sizes relative to its input (a half-octave pyramid): a
     * face filling the whole frame appears at full, 71% and half size, the sizes that model was trained on.
     */
    private static final double[] SHORT_RANGE_SCALES = {1, Math.sqrt(2), 2};

    private final Network longRange;
    private final Network shortRange;

    /** One BlazeFace network: its input side and anchor grids (stride in pixels, anchors per cell). */
    private record Network(OnnxModel model, int input, float[][] anchors) {

        static Network of(OnnxModel model, int input, int fineStride) {
            return new Network(model, input, BlazeFaceDetector.anchors(input, fineStride));
        }
    }

    /**
     * @param longRange  {@code blazeface} (256 px input): faces up to about half the frame, small faces via tiles
     * @param shortRange {@code blazeface-front} (128 px input): faces that fill most of the frame
     */
    public BlazeFaceDetector(OnnxModel longRange, OnnxModel shortRange) {
        this.longRange = Network.of(longRange, 256, 16);
        this.shortRange = Network.of(shortRange, 128, 8);
    }

    /** Loads and converts the bundled models. */
    public static BlazeFaceDetector load() {
        return new BlazeFaceDetector(OnnxModel.fromClasspath("blazeface", OUTPUTS),
                OnnxModel.fromClasspath("blazeface-front", OUTPUTS));
    }

    @Override
    public List<FaceDetection> detect(RgbImage image, double minConfidence) {
        List<FaceDetection> candidates = new ArrayList<>();
        for (Region region : longRangeRegions(image)) {
            candidates.addAll(detectIn(longRange, image, region, minConfidence));
        }
        for (double scale : SHORT_RANGE_SCALES) {
            candidates.addAll(detectIn(shortRange, image, Region.centred(image, scale), minConfidence));
        }
        List<FaceDetection> suppressed = BoxSuppression.suppress(candidates, FaceDetection::box, FaceDetection::confidence,
                MAX_OVERLAP);
        List<FaceDetection> kept = new ArrayList<>(suppressed);
        kept.removeIf(f -> containsSmallerDuplicate(f, suppressed));
        kept.sort(Comparator.comparingDouble(FaceDetection::confidence).reversed());
        return kept.stream().map(f -> withBlendedLandmarks(f, candidates)).toList();
    }

    /**
     * The face with each landmark averaged (weighted by confidence) over every candidate of the same face (box
     * overlap above {@link #SAME_FACE}): the passes see the face at different scales and offsets, and their
     * keypoints scatter by a few pixels around the true point, so the average is steadier than any one pass.
     */
    private static FaceDetection withBlendedLandmarks(FaceDetection face, List<FaceDetection> candidates) {
        List<FaceDetection> same = candidates.stream()
                .filter(c -> c.box().intersectionOverUnion(face.box()) > SAME_FACE).toList();
        if (same.size() < 2) {
            return face;
        }
        List<Landmark> blended = new ArrayList<>();
        for (Landmark landmark : face.landmarks()) {
            double x = 0;
            double y = 0;
            double weight = 0;
            for (FaceDetection candidate : same) {
                Landmark other = candidate.landmark(landmark.type()).orElseThrow();
                x += other.x() * candidate.confidence();
                y += other.y() * candidate.confidence();
                weight += candidate.confidence();
            }
            blended.add(new Landmark(landmark.type(), x / weight, y / weight));
        }
        return new FaceDetection(face.box(), face.confidence(), blended);
    }

    /**
     * A square of the image the detector looks at, in pixels; {@code onBackground}: the part outside the image is
     * plain grey (the image shown smaller), otherwise the edge pixels repeat (used for the whole-image square, as
     * before, so group photos keep their tuned behaviour).
     */
    private record Region(double left, double top, double side, boolean onBackground) {

        /** The whole image, centred on a square {@code scale} times its longer side. */
        static Region centred(RgbImage image, double scale) {
            double side = Math.max(image.width(), image.height()) * scale;
            return new Region((image.width() - side) / 2, (image.height() - side) / 2, side, true);
        }
    }

    /**
     * The long-range model sees the image at 256 px, where faces in a group photo become too small to find; so
     * besides the whole image it looks at overlapping square tiles, each showing faces larger. It misses faces that
     * fill most of its input, so it also sees the image at half size on a plain background.
     */
    private static List<Region> longRangeRegions(RgbImage image) {
        List<Region> regions = new ArrayList<>();
        double w = image.width();
        double h = image.height();
        double side = Math.max(w, h);
        // the whole image, padded to a square so faces keep their shape
        regions.add(new Region((w - side) / 2, (h - side) / 2, side, false));
        regions.add(Region.centred(image, 2));
        double tile = Math.min(w, h) / 1.5;
        if (tile >= LONG_RANGE_INPUT) {
            int columns = (int) Math.ceil((w - tile) / (tile * 0.6)) + 1;
            int rows = (int) Math.ceil((h - tile) / (tile * 0.6)) + 1;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    double left = columns == 1 ? (w - tile) / 2 : c * (w - tile) / (columns - 1);
                    double top = rows == 1 ? (h - tile) / 2 : r * (h - tile) / (rows - 1);
                    regions.add(new Region(left, top, tile, false));
                }
            }
        }
        return regions;
    }

    private static List<FaceDetection> detectIn(Network network, RgbImage image, Region region, double minConfidence) {
        int input = network.input();
        float[][] anchors = network.anchors();
        double left = region.left();
        double top = region.top();
        double side = region.side();
        RgbImage crop = region.onBackground()
                ? image.cropOnBackground(left, top, left + side, top + side, input, input, 127.5f)
                : image.crop(left, top, left + side, top + side, input, input);
        Map<String, OnnxModel.Output> outputs = network.model().run(crop.toNhwc(1 / 127.5f, -1f),
                new long[] {1, input, input, 3});
        // outputs: scores and regressors for the 512 anchors of the 16 x 16 grid and the 384 of the 8 x 8 grid
        List<float[]> bySize = outputs.values().stream().map(OnnxModel.Output::values)
                .sorted(Comparator.comparingInt(v -> v.length)).toList();
        float[] scores = concat(bySize.get(1), bySize.get(0));
        float[] regressors = concat(bySize.get(3), bySize.get(2));
        List<FaceDetection> faces = new ArrayList<>();
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
            double scale = side / input;
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
            faces.add(new FaceDetection(new BoundingBox(x0, y0, x1 - x0, y1 - y0), score, landmarks));
        }
        return faces;
    }

    /** A tile can cut a face in half; drop a box that mostly lies inside a larger, more confident one. */
    private static boolean containsSmallerDuplicate(FaceDetection face, List<FaceDetection> all) {
        BoundingBox b = face.box();
        for (FaceDetection other : all) {
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

    private static float[][] anchors(int input, int fineStride) {
        List<float[]> list = new ArrayList<>();
        int[][] spec = {{fineStride, 2}, {2 * fineStride, 6}}; // stride in pixels, anchors per cell
        for (int[] level : spec) {
            int grid = input / level[0];
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
