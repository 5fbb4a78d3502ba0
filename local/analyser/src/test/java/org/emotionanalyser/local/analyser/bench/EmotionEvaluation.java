package org.emotionanalyser.local.analyser.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.adapter.BlazeFaceDetector;
import org.emotionanalyser.local.analyser.adapter.CenterNetObjectDetector;
import org.emotionanalyser.local.analyser.adapter.FaceApiExpressionClassifier;
import org.emotionanalyser.local.analyser.adapter.FaceResModel;
import org.emotionanalyser.local.analyser.adapter.OnnxEmotionClassifier;
import org.emotionanalyser.local.analyser.api.ApiResult;
import org.emotionanalyser.local.analyser.api.RekognitionApi;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.port.EmotionClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Measures how often the local analyser agrees with people: runs every photo of a labelled folder
 * ({@code labels.json}: file name -> Rekognition emotion type, one person per photo) through {@code DetectFaces}
 * (Attributes ALL) and {@code DetectLabels}, exactly as a client would call them, and prints faces found, dominant
 * emotion accuracy, balanced accuracy (mean of the per-label recalls, so rare labels count as much as common ones),
 * per-emotion recall, the confusion matrix and how many photos pass the reader's default Person gate (90).
 *
 * <p>Arguments: {@code [folder] [faceapi|emotion|both]} — the emotion classifier(s) to run (default faceapi, what
 * the analyser ships; both = their scores averaged), so the classifiers can be compared on the same photos.
 * The photo's face is the largest one found. A photo without a face counts as a wrong answer ({@code NONE}).
 * Run {@code mvn -B -o -q -pl local/analyser -am verify -DskipTests -Pevaluate}; the default folder is the dev set
 * in {@code src/test/resources/emotion-dev}. An evaluation, not a test: it prints figures and asserts nothing.
 */
public final class EmotionEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double PERSON_GATE = 90;

    private EmotionEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "src/test/resources/emotion-dev");
        String classifierChoice = args.length > 1 ? args[1] : "faceapi";
        Map<String, String> labels = JSON.readValue(folder.resolve("labels.json").toFile(),
                new TypeReference<TreeMap<String, String>>() { });
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        List<Double> faceConfidences = new ArrayList<>();
        int personPassed = 0;
        int moreThanOneFace = 0;
        long start = System.nanoTime();
        List<EmotionClassifier> classifiers = switch (classifierChoice) {
            case "faceapi" -> List.of(FaceApiExpressionClassifier.load());
            case "emotion" -> List.of(OnnxEmotionClassifier.load());
            case "both" -> List.of(FaceApiExpressionClassifier.load(), OnnxEmotionClassifier.load());
            default -> throw new IllegalArgumentException("classifiers must be faceapi, emotion or both");
        };
        // the same pipeline LocalAnalyzer wires, with the emotion classifiers chosen here to compare them
        FaceResModel faceRes = FaceResModel.load();
        RekognitionApi analyser = new RekognitionApi(new FaceAnalysisPipeline(BlazeFaceDetector.load(), classifiers,
                faceRes, faceRes, CenterNetObjectDetector.load()), () -> FaceGallery.empty(0.8),
                (bucket, key, version) -> Optional.empty());
        {
            long analysing = System.nanoTime();
            for (Map.Entry<String, String> entry : labels.entrySet()) {
                byte[] photo = Files.readAllBytes(folder.resolve(entry.getKey()));
                String image = "{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString(photo) + "\"}";
                JsonNode faces = call(analyser, "DetectFaces", image + ",\"Attributes\":[\"ALL\"]}").path("FaceDetails");
                JsonNode largest = null;
                for (JsonNode face : faces) {
                    if (largest == null || area(face) > area(largest)) {
                        largest = face;
                    }
                }
                moreThanOneFace += faces.size() > 1 ? 1 : 0;
                truth.add(entry.getValue());
                predicted.add(largest == null ? "NONE" : largest.path("Emotions").path(0).path("Type").asText());
                if (largest != null) {
                    faceConfidences.add(largest.path("Confidence").asDouble());
                }
                for (JsonNode label : call(analyser, "DetectLabels", image + "}").path("Labels")) {
                    if (label.path("Name").asText().equals("Person") && label.path("Confidence").asDouble() >= PERSON_GATE) {
                        personPassed++;
                    }
                }
            }
            System.out.printf("%d photos from %s, emotion classifiers: %s; models loaded in %.1f s, analysed in %.1f s%n",
                    labels.size(), folder.getFileName(), classifierChoice, (analysing - start) / 1e9,
                    (System.nanoTime() - analysing) / 1e9);
        }
        report(truth, predicted, faceConfidences, personPassed, moreThanOneFace);
    }

    private static void report(List<String> truth, List<String> predicted, List<Double> faceConfidences,
                               int personPassed, int moreThanOneFace) {
        int n = truth.size();
        List<String> classes = truth.stream().distinct().sorted().toList();
        List<String> columns = new ArrayList<>(classes);
        predicted.stream().distinct().sorted().filter(p -> !columns.contains(p) && !p.equals("NONE")).forEach(columns::add);
        columns.add("NONE");
        long found = predicted.stream().filter(p -> !p.equals("NONE")).count();
        long correct = 0;
        for (int i = 0; i < n; i++) {
            correct += truth.get(i).equals(predicted.get(i)) ? 1 : 0;
        }
        System.out.printf("faces found          %d / %d = %.1f%% (more than one face: %d)%n", found, n, 100.0 * found / n,
                moreThanOneFace);
        System.out.printf("face Confidence      min %.1f, median %.1f%n",
                faceConfidences.stream().mapToDouble(d -> d).min().orElse(0),
                faceConfidences.stream().sorted().skip(faceConfidences.size() / 2).findFirst().orElse(0.0));
        System.out.printf("Person >= %.0f         %d / %d%n", PERSON_GATE, personPassed, n);
        System.out.printf("dominant emotion     %d / %d = %.1f%%%n", correct, n, 100.0 * correct / n);
        Map<String, Double> recall = new LinkedHashMap<>();
        for (String label : classes) {
            long total = truth.stream().filter(label::equals).count();
            long hit = 0;
            for (int i = 0; i < n; i++) {
                hit += truth.get(i).equals(label) && predicted.get(i).equals(label) ? 1 : 0;
            }
            recall.put(label, (double) hit / total);
        }
        System.out.printf("balanced accuracy    %.1f%%%n",
                100 * recall.values().stream().mapToDouble(d -> d).average().orElse(0));
        System.out.println("recall               " + String.join("  ", recall.entrySet().stream()
                .map(e -> String.format("%s %.0f%%", e.getKey(), 100 * e.getValue())).toList()));
        System.out.println("confusion (rows: label, columns: analyser's dominant emotion)");
        StringBuilder header = new StringBuilder(String.format("%-10s", ""));
        columns.forEach(c -> header.append(String.format(" %5.5s", c)));
        System.out.println(header);
        for (String label : classes) {
            StringBuilder row = new StringBuilder(String.format("%-10s", label));
            for (String column : columns) {
                long count = 0;
                for (int i = 0; i < n; i++) {
                    count += truth.get(i).equals(label) && predicted.get(i).equals(column) ? 1 : 0;
                }
                row.append(String.format(" %5d", count));
            }
            System.out.println(row);
        }
    }

    private static JsonNode call(RekognitionApi analyser, String operation, String request) throws IOException {
        ApiResult result = analyser.handle("RekognitionService." + operation, request.getBytes());
        if (result.statusCode() != 200) {
            throw new IllegalStateException(operation + " failed: " + result.body());
        }
        return JSON.readTree(result.body());
    }

    private static double area(JsonNode face) {
        return face.path("BoundingBox").path("Width").asDouble() * face.path("BoundingBox").path("Height").asDouble();
    }
}
