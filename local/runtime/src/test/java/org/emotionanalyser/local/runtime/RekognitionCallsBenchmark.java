package org.emotionanalyser.local.runtime;

import org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer;
import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.ImageReference;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.local.analyser.LocalAnalyzer;
import org.emotionanalyser.local.analyser.api.RekognitionHttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark main, not a test: how many Rekognition calls the reader's own adapter ({@link RekognitionFaceAnalyzer},
 * person gate 90) makes per image on a mixed set, run against the local analyser, and what that costs per 1,000
 * images at the Group 2 price ($0.001 per call) against calling DetectLabels, DetectFaces and RecognizeCelebrities
 * on every image. Images the reader rejects before analysis (empty, too small, too large, corrupt, unsupported)
 * make no call and are not in the set.
 */
public final class RekognitionCallsBenchmark {

    private static final double PRICE_PER_CALL = 0.001;

    private RekognitionCallsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg",
                "sample6.jpg", "astronaut.png", "chelsea.png", "coffee.png");
        Path knownFaces = Files.createTempDirectory("calls-benchmark-faces");
        Map<String, Integer> totals = new LinkedHashMap<>();
        int calls = 0;
        try (LocalAnalyzer analyser = LocalAnalyzer.create(knownFaces, (bucket, key, version) -> Optional.empty());
             RekognitionHttpServer server = RekognitionHttpServer.start(analyser.api(),
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             RekognitionClient client = RekognitionClient.builder().region(Region.US_EAST_1)
                     .endpointOverride(server.endpoint())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
                     .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build())
                     .build()) {
            RekognitionFaceAnalyzer reader = new RekognitionFaceAnalyzer(client, 90);
            System.out.println("| image | outcome | DetectLabels | RecognizeCelebrities | DetectFaces | calls |");
            System.out.println("|---|---|---|---|---|---|");
            for (String name : names) {
                Path photo = PipelineClient.photo(name);
                ImageFormat format = name.endsWith(".png") ? ImageFormat.PNG : ImageFormat.JPEG;
                FaceAnalysis analysis = reader.analyze(new ImageReference.EncodedImage(Files.readAllBytes(photo),
                        format), InvocationBudget.unlimited());
                Map<String, Integer> byOperation;
                String outcome;
                if (analysis instanceof FaceAnalysis.Completed done) {
                    byOperation = done.calls().byOperation();
                    outcome = done.person().detected() ? done.faces().size() + " face(s)" : "no person";
                } else {
                    FaceAnalysis.Failed failed = (FaceAnalysis.Failed) analysis;
                    byOperation = failed.calls().byOperation();
                    outcome = "failed " + failed.reason();
                }
                int imageCalls = byOperation.values().stream().mapToInt(Integer::intValue).sum();
                calls += imageCalls;
                byOperation.forEach((operation, n) -> totals.merge(operation, n, Integer::sum));
                System.out.printf("| %s | %s | %d | %d | %d | %d |%n", name, outcome,
                        byOperation.getOrDefault("DetectLabels", 0), byOperation.getOrDefault("RecognizeCelebrities", 0),
                        byOperation.getOrDefault("DetectFaces", 0), imageCalls);
            }
        } finally {
            Files.deleteIfExists(knownFaces);
        }
        double perImage = (double) calls / names.size();
        System.out.printf("%n%d images, %d calls (%s): %.2f calls per image%n", names.size(), calls, totals, perImage);
        System.out.printf("cost per 1,000 images: $%.2f (all three APIs on every image: $%.2f)%n",
                perImage * PRICE_PER_CALL * 1000, 3 * PRICE_PER_CALL * 1000);
        System.exit(0);
    }
}
