package org.emotionanalyser.local.analyser.bench;

import org.emotionanalyser.local.analyser.adapter.BlazeFaceDetector;
import org.emotionanalyser.local.analyser.adapter.CenterNetObjectDetector;
import org.emotionanalyser.local.analyser.adapter.FaceApiExpressionClassifier;
import org.emotionanalyser.local.analyser.adapter.FaceResModel;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.FaceQuality;
import org.emotionanalyser.local.analyser.domain.HeadPose;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prints per-stage timings of the local analyser on a folder of photos (default: the build's test photos):
 * {@code mvn -B -o -q -pl local/analyser -am verify -DskipTests -Pbench} (see the pom), args {@code <folder> [rounds]}.
 * A benchmark, not a test: the figures depend on the machine.
 */
public final class AnalyzerBenchmark {

    private AnalyzerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "target/test-photos");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<byte[]> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(jpg|png)$")).sorted().toList()) {
                photos.add(Files.readAllBytes(file));
            }
        }
        long start = System.nanoTime();
        BlazeFaceDetector detector = BlazeFaceDetector.load();
        FaceApiExpressionClassifier emotions = FaceApiExpressionClassifier.load();
        FaceResModel embedder = FaceResModel.load();
        CenterNetObjectDetector objects = CenterNetObjectDetector.load();
        FaceAnalysisPipeline analyser = new FaceAnalysisPipeline(detector, List.of(emotions), embedder, embedder, objects);
        System.out.printf("model load + conversion: %.0f ms%n", millis(start));
        System.out.printf("%d photos, %d rounds (first round is warm-up and not counted)%n", photos.size(), rounds + 1);

        double decode = 0;
        double detect = 0;
        double emotion = 0;
        double embed = 0;
        double person = 0;
        double attributes = 0;
        double total = 0;
        int faces = 0;
        int images = 0;
        FaceGallery gallery = FaceGallery.empty(0.8);
        for (int round = 0; round <= rounds; round++) {
            for (byte[] photo : photos) {
                long t0 = System.nanoTime();
                RgbImage image = RgbImage.decode(photo);
                long t1 = System.nanoTime();
                List<FaceDetection> found = detector.detect(image, FaceAnalysisPipeline.FACE_THRESHOLD);
                long t2 = System.nanoTime();
                analyser.classifyEmotions(image, found);
                long t3 = System.nanoTime();
                for (FaceDetection face : found) {
                    analyser.embed(image, face.box());
                }
                long t4 = System.nanoTime();
                objects.detect(image, 0.3);
                long t5 = System.nanoTime();
                for (FaceDetection face : found) {
                    HeadPose.estimate(face, image.width(), image.height());
                    FaceQuality.measure(image, face.box());
                }
                long t6 = System.nanoTime();
                if (round > 0) {
                    decode += (t1 - t0) / 1e6;
                    detect += (t2 - t1) / 1e6;
                    emotion += (t3 - t2) / 1e6;
                    embed += (t4 - t3) / 1e6;
                    person += (t5 - t4) / 1e6;
                    attributes += (t6 - t5) / 1e6;
                    total += (t6 - t0) / 1e6;
                    faces += found.size();
                    images++;
                }
            }
        }
        // the whole facade path once more, as DetectFaces(ALL) + RecognizeCelebrities + DetectLabels would run it
        long full = System.nanoTime();
        for (byte[] photo : photos) {
            RgbImage image = RgbImage.decode(photo);
            analyser.detectObjects(image, 0.55);
            analyser.recognise(image, gallery);
        }
        double fullMs = millis(full);

        System.out.printf("decode           %7.1f ms / image%n", decode / images);
        System.out.printf("face detection   %7.1f ms / image (whole image + tiles)%n", detect / images);
        System.out.printf("emotion          %7.1f ms / face (one batch per image)%n", emotion / Math.max(1, faces));
        System.out.printf("embedding        %7.1f ms / face%n", embed / Math.max(1, faces));
        System.out.printf("person (objects) %7.1f ms / image%n", person / images);
        System.out.printf("pose + quality   %7.3f ms / face%n", attributes / Math.max(1, faces));
        System.out.printf("all stages       %7.1f ms / image = %.2f images/s (%.1f faces / image)%n",
                total / images, 1000 * images / total, (double) faces / images);
        System.out.printf("labels + faces + emotions via FaceAnalysisPipeline: %.1f ms / image%n", fullMs / photos.size());
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
