package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.BoxSuppression;
import org.emotionanalyser.local.analyser.domain.DetectedObject;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.ObjectDetector;
import org.emotionanalyser.router.domain.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Object detection with CenterNet (MobileNetV3) trained on the 80 COCO classes. The model is cut before its
 * in-graph decoding; this class decodes the 128 x 128 class heat maps (peaks = local 3 x 3 maxima) and the box
 * extents (distances to the left, top, right and bottom edges in 512-px input pixels, stride 4) itself.
 */
public final class CenterNetObjectDetector implements ObjectDetector {

    private static final int INPUT = 512;
    private static final int STRIDE = 4;
    private static final int MAX_PEAKS = 100;
    private static final double MAX_OVERLAP = 0.4;
    private static final String HEATMAP = "tower_0/keypoints";
    private static final String EXTENTS = "tower_0/wh";
    /** The model outputs the detector reads: class heat maps and box extents, cut before the in-graph decoding. */
    public static final List<String> OUTPUTS = List.of(HEATMAP, EXTENTS);

    /** COCO's 80 detection classes in model order, named as Rekognition names labels. */
    static final List<String> LABELS = List.of(
            "Person", "Bicycle", "Car", "Motorcycle", "Airplane", "Bus", "Train", "Truck", "Boat", "Traffic Light",
            "Fire Hydrant", "Stop Sign", "Parking Meter", "Bench", "Bird", "Cat", "Dog", "Horse", "Sheep", "Cow",
            "Elephant", "Bear", "Zebra", "Giraffe", "Backpack", "Umbrella", "Handbag", "Tie", "Suitcase", "Frisbee",
            "Skis", "Snowboard", "Ball", "Kite", "Baseball Bat", "Baseball Glove", "Skateboard", "Surfboard",
            "Tennis Racket", "Bottle", "Wine Glass", "Cup", "Fork", "Knife", "Spoon", "Bowl", "Banana", "Apple",
            "Sandwich", "Orange", "Broccoli", "Carrot", "Hot Dog", "Pizza", "Donut", "Cake", "Chair", "Couch",
            "Potted Plant", "Bed", "Dining Table", "Toilet", "TV", "Laptop", "Mouse", "Remote", "Keyboard",
            "Cell Phone", "Microwave", "Oven", "Toaster", "Sink", "Refrigerator", "Book", "Clock", "Vase", "Scissors",
            "Teddy Bear", "Hair Drier", "Toothbrush");

    private final OnnxModel model;

    public CenterNetObjectDetector(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static CenterNetObjectDetector load() {
        return new CenterNetObjectDetector(OnnxModel.fromClasspath("centernet", OUTPUTS));
    }

    @Override
    public List<DetectedObject> detect(RgbImage image, double minConfidence) {
        Map<String, OnnxModel.Output> outputs = model.run(image.resize(INPUT, INPUT).toNhwc(1f, 0f),
                new long[] {1, INPUT, INPUT, 3});
        float[] heat = outputs.get(HEATMAP).values();
        float[] extents = outputs.get(EXTENTS).values();
        int grid = INPUT / STRIDE;
        int classes = LABELS.size();
        List<int[]> peaks = new ArrayList<>();
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                for (int c = 0; c < classes; c++) {
                    float value = heat[(y * grid + x) * classes + c];
                    if (value >= minConfidence && isLocalMaximum(heat, grid, classes, x, y, c, value)) {
                        peaks.add(new int[] {x, y, c});
                    }
                }
            }
        }
        peaks.sort(Comparator.comparingDouble((int[] p) -> heat[(p[1] * grid + p[0]) * classes + p[2]]).reversed());
        List<DetectedObject> objects = new ArrayList<>();
        for (int[] p : peaks.subList(0, Math.min(MAX_PEAKS, peaks.size()))) {
            int cell = p[1] * grid + p[0];
            double x0 = clamp((p[0] * STRIDE - extents[cell * 4]) / INPUT);
            double y0 = clamp((p[1] * STRIDE - extents[cell * 4 + 1]) / INPUT);
            double x1 = clamp((p[0] * STRIDE + extents[cell * 4 + 2]) / INPUT);
            double y1 = clamp((p[1] * STRIDE + extents[cell * 4 + 3]) / INPUT);
            if (x1 > x0 && y1 > y0) {
                objects.add(new DetectedObject(LABELS.get(p[2]), new BoundingBox(x0, y0, x1 - x0, y1 - y0),
                        heat[cell * classes + p[2]]));
            }
        }
        List<DetectedObject> kept = new ArrayList<>();
        for (String label : objects.stream().map(DetectedObject::label).distinct().toList()) {
            kept.addAll(BoxSuppression.suppress(objects.stream().filter(o -> o.label().equals(label)).toList(),
                    DetectedObject::box, DetectedObject::confidence, MAX_OVERLAP));
        }
        kept.sort(Comparator.comparingDouble(DetectedObject::confidence).reversed());
        return kept;
    }

    private static boolean isLocalMaximum(float[] heat, int grid, int classes, int x, int y, int c, float value) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < grid && ny < grid && heat[(ny * grid + nx) * classes + c] > value) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double clamp(double ratio) {
        return Math.min(1, Math.max(0, ratio));
    }
}
