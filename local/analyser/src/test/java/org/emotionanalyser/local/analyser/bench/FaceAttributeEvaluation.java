package org.emotionanalyser.local.analyser.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.adapter.BlazeFaceDetector;
import org.emotionanalyser.local.analyser.adapter.FaceResModel;
import org.emotionanalyser.local.analyser.domain.AgeGender;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.FaceQuality;
import org.emotionanalyser.local.analyser.domain.HeadPose;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Measures what the local analyser's {@code Pose} and {@code Quality} can be trusted for, on a folder of photos with
 * one face each (default: the dev set in {@code src/test/resources/emotion-dev}):
 *
 * <ul>
 *   <li>roll: each photo is turned in the picture plane by known angles; the error is the measured change of roll
 *   minus the angle turned;</li>
 *   <li>yaw and pitch must not change when a photo is turned in the picture plane: their mean change is how much
 *   the detector's keypoints wander, i.e. the precision of both;</li>
 *   <li>yaw and roll under mirroring: a mirrored face must report the opposite yaw and roll and the same pitch; the
 *   mean of yaw and mirrored yaw (which should be 0) is the detector's keypoint bias;</li>
 *   <li>the distributions of yaw, pitch, brightness and sharpness over the photos (mostly frontal, level, well lit
 *   press photos), and the photos with the most extreme yaw and pitch, to look at;</li>
 *   <li>the time pose and quality take per face;</li>
 *   <li>AgeRange and Gender: the spread of the ranges, how much they move when the photo is mirrored (the person's
 *   age does not change), and, where the folder has a {@code genders.json} (file name to {@code Male}/{@code
 *   Female}), how often the gender agrees with it.</li>
 * </ul>
 *
 * Run {@code mvn -B -o -q -pl local/analyser -am verify -DskipTests -Pattributes} ({@code -Dattributes.args=<folder>}).
 * An evaluation, not a test: it prints figures and asserts nothing.
 */
public final class FaceAttributeEvaluation {

    private static final double[] TURNS = {-30, -15, 15, 30};

    private FaceAttributeEvaluation() {
    }

    /** One photo's largest face and what was computed for it. */
    private record Measured(String file, RgbImage image, FaceDetection face, HeadPose pose, FaceQuality quality,
                            AgeGender ageGender) {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "src/test/resources/emotion-dev");
        BlazeFaceDetector detector = BlazeFaceDetector.load();
        FaceResModel faceRes = FaceResModel.load();
        // the pipeline's own crop for the age and gender model; nothing else of it is used here
        FaceAnalysisPipeline pipeline = new FaceAnalysisPipeline(detector, List.of(), faceRes, faceRes,
                (image, min) -> List.of());
        List<Measured> measured = new ArrayList<>();
        int photos = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(jpg|jpeg|png)$")).sorted().toList()) {
                photos++;
                RgbImage image = RgbImage.decode(Files.readAllBytes(file));
                largest(detector, image).flatMap(face -> HeadPose.estimate(face, image.width(), image.height())
                        .map(pose -> new Measured(file.getFileName().toString(), image, face, pose,
                                FaceQuality.measure(image, face.box()),
                                pipeline.estimateAgeGender(image, face.box()))))
                        .ifPresent(measured::add);
            }
        }
        System.out.printf("%d photos in %s, %d with a face (the largest face of each is measured)%n", photos,
                folder.getFileName(), measured.size());

        List<Double> rollErrors = new ArrayList<>();
        List<Double> yawChanges = new ArrayList<>();
        List<Double> pitchChanges = new ArrayList<>();
        int turnedFound = 0;
        int turnedTried = 0;
        for (Measured m : measured) {
            RgbImage image = m.image();
            double side = Math.min(image.width(), image.height());
            for (double turn : TURNS) {
                turnedTried++;
                // rotatedCrop samples the source along axes turned by the angle, so the picture turns the other way
                RgbImage turned = image.rotatedCrop(image.width() / 2.0, image.height() / 2.0, side,
                        Math.toRadians(-turn), (int) side);
                Optional<HeadPose> pose = largest(detector, turned)
                        .flatMap(f -> HeadPose.estimate(f, turned.width(), turned.height()));
                if (pose.isPresent()) {
                    turnedFound++;
                    rollErrors.add(pose.get().roll() - m.pose().roll() - turn);
                    yawChanges.add(Math.abs(pose.get().yaw() - m.pose().yaw()));
                    pitchChanges.add(Math.abs(pose.get().pitch() - m.pose().pitch()));
                }
            }
        }
        System.out.printf("roll, photos turned by -30/-15/+15/+30 degrees: face found in %d of %d; error (measured change"
                + " - turn) mean %.2f, mean |error| %.2f, 90th percentile |error| %.2f, max |error| %.2f degrees%n",
                turnedFound, turnedTried, mean(rollErrors, d -> d), mean(rollErrors, Math::abs),
                percentile(rollErrors.stream().map(Math::abs).toList(), 0.9),
                rollErrors.stream().mapToDouble(Math::abs).max().orElse(0));

        System.out.printf("yaw and pitch of the turned photos (should not change): mean |change| yaw %.2f, pitch %.2f;"
                + " 90th percentile yaw %.2f, pitch %.2f degrees%n", mean(yawChanges, d -> d), mean(pitchChanges, d -> d),
                percentile(yawChanges, 0.9), percentile(pitchChanges, 0.9));

        List<Double> yawBias = new ArrayList<>();
        List<Double> pitchChange = new ArrayList<>();
        List<Double> rollBias = new ArrayList<>();
        for (Measured m : measured) {
            RgbImage mirrored = m.image().mirrored();
            largest(detector, mirrored).flatMap(f -> HeadPose.estimate(f, mirrored.width(), mirrored.height()))
                    .ifPresent(p -> {
                        yawBias.add((p.yaw() + m.pose().yaw()) / 2);
                        rollBias.add((p.roll() + m.pose().roll()) / 2);
                        pitchChange.add(Math.abs(p.pitch() - m.pose().pitch()));
                    });
        }
        System.out.printf("mirrored (%d faces): (yaw + mirrored yaw) / 2 mean %.2f, mean |.| %.2f; (roll + mirrored roll) / 2"
                + " mean %.2f, mean |.| %.2f degrees%n", yawBias.size(), mean(yawBias, d -> d), mean(yawBias, Math::abs),
                mean(rollBias, d -> d), mean(rollBias, Math::abs));
        System.out.printf("mirrored: |pitch - mirrored pitch| (should be 0) mean %.2f, 90th percentile %.2f degrees%n",
                mean(pitchChange, d -> d), percentile(pitchChange, 0.9));

        distribution("roll", measured, m -> m.pose().roll());
        distribution("yaw", measured, m -> m.pose().yaw());
        distribution("pitch", measured, m -> m.pose().pitch());
        distribution("brightness", measured, m -> m.quality().brightness());
        distribution("sharpness", measured, m -> m.quality().sharpness());
        extremes("yaw", measured, m -> m.pose().yaw());
        extremes("pitch", measured, m -> m.pose().pitch());
        extremes("sharpness", measured, m -> m.quality().sharpness());

        ageAndGender(folder, measured, detector, pipeline);

        int rounds = 200;
        long start = System.nanoTime();
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (Measured m : measured) {
                sink += HeadPose.estimate(m.face(), m.image().width(), m.image().height()).orElseThrow().yaw();
                sink += FaceQuality.measure(m.image(), m.face().box()).sharpness();
            }
        }
        System.out.printf("pose + quality: %.1f microseconds per face (%d faces x %d rounds; checksum %.0f)%n",
                (System.nanoTime() - start) / 1e3 / rounds / measured.size(), measured.size(), rounds, sink);
    }

    private static void ageAndGender(Path folder, List<Measured> measured, BlazeFaceDetector detector,
                                     FaceAnalysisPipeline pipeline) throws IOException {
        distribution("age low", measured, m -> m.ageGender().ageLow());
        distribution("age high", measured, m -> m.ageGender().ageHigh());
        distribution("age width", measured, m -> m.ageGender().ageHigh() - m.ageGender().ageLow());
        distribution("gender conf", measured, m -> m.ageGender().genderConfidence());
        List<Double> lowShift = new ArrayList<>();
        List<Double> highShift = new ArrayList<>();
        int genderKept = 0;
        for (Measured m : measured) {
            RgbImage mirrored = m.image().mirrored();
            Optional<AgeGender> other = largest(detector, mirrored).map(f -> pipeline.estimateAgeGender(mirrored, f.box()));
            if (other.isPresent()) {
                lowShift.add((double) Math.abs(other.get().ageLow() - m.ageGender().ageLow()));
                highShift.add((double) Math.abs(other.get().ageHigh() - m.ageGender().ageHigh()));
                genderKept += other.get().gender() == m.ageGender().gender() ? 1 : 0;
            }
        }
        System.out.printf("mirrored (%d faces): |low change| mean %.1f, 90th percentile %.0f; |high change| mean %.1f,"
                + " 90th percentile %.0f years; same gender %d of %d%n", lowShift.size(), mean(lowShift, d -> d),
                percentile(lowShift, 0.9), mean(highShift, d -> d), percentile(highShift, 0.9), genderKept,
                lowShift.size());
        Path agesFile = folder.resolve("ages.json");
        if (Files.exists(agesFile)) {
            // ages.json holds each person's approximate age when the photo was taken (LFW's news photos are from
            // about 2002-2004, so +-2 years): a range "covers" it when it overlaps that span
            Map<String, Integer> ages = new ObjectMapper().readValue(agesFile.toFile(),
                    new TypeReference<Map<String, Integer>>() { });
            int covered = 0;
            int aged = 0;
            List<Double> midpointErrors = new ArrayList<>();
            for (Measured m : measured) {
                Integer age = ages.get(m.file());
                if (age != null) {
                    aged++;
                    covered += m.ageGender().ageLow() <= age + 2 && m.ageGender().ageHigh() >= age - 2 ? 1 : 0;
                    midpointErrors.add(Math.abs((m.ageGender().ageLow() + m.ageGender().ageHigh()) / 2.0 - age));
                }
            }
            System.out.printf("age vs ages.json: %d faces with a known age; range covers it (+-2) for %d (%.1f%%);"
                    + " |range midpoint - age| mean %.1f, median %.1f years%n", aged, covered, 100.0 * covered / aged,
                    mean(midpointErrors, d -> d), percentile(midpointErrors, 0.5));
        }
        Path gendersFile = folder.resolve("genders.json");
        if (!Files.exists(gendersFile)) {
            System.out.println("no genders.json in the folder: gender agreement not measured");
            return;
        }
        Map<String, String> genders = new ObjectMapper().readValue(gendersFile.toFile(),
                new TypeReference<Map<String, String>>() { });
        int[][] counts = new int[2][2];
        List<Double> wrongConfidence = new ArrayList<>();
        for (Measured m : measured) {
            String expected = genders.get(m.file());
            if (expected != null) {
                int truth = expected.equals("Female") ? 1 : 0;
                int said = m.ageGender().gender() == AgeGender.Gender.FEMALE ? 1 : 0;
                counts[truth][said]++;
                if (truth != said) {
                    wrongConfidence.add(m.ageGender().genderConfidence());
                }
            }
        }
        int labelled = counts[0][0] + counts[0][1] + counts[1][0] + counts[1][1];
        System.out.printf("gender vs genders.json: %d faces labelled; agreement %.1f%% (male %d of %d, female %d of %d);"
                + " balanced %.1f%%; confidence of the wrong ones: median %.1f, max %.1f%n", labelled,
                100.0 * (counts[0][0] + counts[1][1]) / labelled, counts[0][0], counts[0][0] + counts[0][1],
                counts[1][1], counts[1][0] + counts[1][1],
                50.0 * counts[0][0] / Math.max(1, counts[0][0] + counts[0][1])
                        + 50.0 * counts[1][1] / Math.max(1, counts[1][0] + counts[1][1]),
                percentile(wrongConfidence, 0.5), percentile(wrongConfidence, 1));
    }

    private static Optional<FaceDetection> largest(BlazeFaceDetector detector, RgbImage image) {
        return detector.detect(image, FaceAnalysisPipeline.FACE_THRESHOLD).stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * f.box().height()));
    }

    private static void distribution(String name, List<Measured> measured, ToDoubleFunction<Measured> value) {
        List<Double> values = measured.stream().map(value::applyAsDouble).toList();
        System.out.printf("%-10s min %6.1f  10%% %6.1f  median %6.1f  90%% %6.1f  max %6.1f  mean %6.1f%n", name,
                percentile(values, 0), percentile(values, 0.1), percentile(values, 0.5), percentile(values, 0.9),
                percentile(values, 1), mean(values, d -> d));
    }

    private static void extremes(String name, List<Measured> measured, ToDoubleFunction<Measured> value) {
        List<Measured> sorted = measured.stream().sorted(Comparator.comparingDouble(value)).toList();
        StringBuilder line = new StringBuilder(name + " lowest:");
        sorted.stream().limit(5).forEach(m -> line.append(String.format(" %s %.1f", m.file(), value.applyAsDouble(m))));
        line.append("; highest:");
        sorted.subList(Math.max(0, sorted.size() - 5), sorted.size())
                .forEach(m -> line.append(String.format(" %s %.1f", m.file(), value.applyAsDouble(m))));
        System.out.println(line);
    }

    private static double mean(List<Double> values, ToDoubleFunction<Double> f) {
        return values.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.round(p * (sorted.size() - 1)));
    }
}
