package org.emotionanalyser.local.analyser;

import org.emotionanalyser.local.analyser.adapter.BlazeFaceDetector;
import org.emotionanalyser.local.analyser.adapter.CenterNetObjectDetector;
import org.emotionanalyser.local.analyser.adapter.FaceApiExpressionClassifier;
import org.emotionanalyser.local.analyser.adapter.FaceResModel;
import org.emotionanalyser.local.analyser.adapter.RememberingFaceDetector;
import org.emotionanalyser.local.analyser.api.ApiResult;
import org.emotionanalyser.local.analyser.api.RekognitionApi;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.gallery.KnownFacesFolder;
import org.emotionanalyser.local.analyser.model.ModelLoadException;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.ImageFetcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local analyser in one object: loads and converts the bundled models, reads the known-faces gallery and
 * answers Rekognition requests. Create one per process (model loading takes a second or two) and close it at the end.
 *
 * <pre>{@code
 * try (LocalAnalyzer analyser = LocalAnalyzer.create(Path.of("known-faces"), s3Fetcher)) {
 *     ApiResult result = analyser.handle("RekognitionService.DetectFaces", requestJson);
 * }
 * }</pre>
 */
public final class LocalAnalyzer implements AutoCloseable {

    private final List<OnnxModel> models;
    private final FaceAnalysisPipeline analyser;
    private final KnownFacesFolder knownFaces;
    private final RekognitionApi api;

    private LocalAnalyzer(List<OnnxModel> models, FaceAnalysisPipeline analyser, KnownFacesFolder knownFaces, ImageFetcher fetcher) {
        this.models = models;
        this.analyser = analyser;
        this.knownFaces = knownFaces;
        this.api = new RekognitionApi(analyser, knownFaces::gallery, fetcher);
    }

    /**
     * @param knownFacesFolder {@code <Person Name>/*.jpg} photos of the people to recognise (created when missing)
     * @param fetcher          reads images requests pass as {@code S3Object}
     */
    public static LocalAnalyzer create(Path knownFacesFolder, ImageFetcher fetcher) {
        // converting and optimising the models takes seconds each; do it in parallel
        ExecutorService loader = Executors.newFixedThreadPool(2);
        List<Future<OnnxModel>> loading = new ArrayList<>();
        try {
            loading.add(loader.submit(() -> OnnxModel.fromClasspath("centernet", CenterNetObjectDetector.OUTPUTS)));
            loading.add(loader.submit(() -> OnnxModel.fromClasspath("faceres", FaceResModel.OUTPUTS)));
            loading.add(loader.submit(() -> OnnxModel.fromClasspath("blazeface", BlazeFaceDetector.OUTPUTS)));
            loading.add(loader.submit(() -> OnnxModel.fromClasspath("blazeface-front", BlazeFaceDetector.OUTPUTS)));
            loading.add(loader.submit(OnnxModel::faceApiExpressions));
        } finally {
            loader.shutdown();
        }
        List<OnnxModel> loaded = new ArrayList<>();
        for (Future<OnnxModel> model : loading) {
            try {
                loaded.add(model.get());
            } catch (ExecutionException e) {
                loaded.forEach(OnnxModel::close);
                throw e.getCause() instanceof RuntimeException cause ? cause
                        : new ModelLoadException("Loading a model failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                loaded.forEach(OnnxModel::close);
                throw new ModelLoadException("Interrupted while loading the models.", e);
            }
        }
        OnnxModel centernet = loaded.get(0);
        OnnxModel faceres = loaded.get(1);
        OnnxModel blazeface = loaded.get(2);
        FaceResModel faceRes = new FaceResModel(faceres);
        FaceAnalysisPipeline analyser = new FaceAnalysisPipeline(
                new RememberingFaceDetector(new BlazeFaceDetector(blazeface, loaded.get(3))),
                List.of(new FaceApiExpressionClassifier(loaded.get(4))),
                faceRes, faceRes, new CenterNetObjectDetector(centernet));
        return new LocalAnalyzer(loaded, analyser,
                new KnownFacesFolder(knownFacesFolder, analyser), fetcher);
    }

    /** Answers one Rekognition JSON 1.1 request; see {@link RekognitionApi#handle}. */
    public ApiResult handle(String amzTarget, byte[] requestBody) {
        return api.handle(amzTarget, requestBody);
    }

    /** The Rekognition-compatible API, for mounting on an HTTP endpoint. */
    public RekognitionApi api() {
        return api;
    }

    /** The analysis pipeline itself (detection, emotions, embeddings, objects). */
    public FaceAnalysisPipeline analyser() {
        return analyser;
    }

    /**
     * Enrols a person from photos: they are stored under the known-faces folder and recognised from the next
     * request on.
     */
    public void enrol(String name, List<byte[]> photos) {
        knownFaces.enrol(name, photos);
    }

    @Override
    public void close() {
        models.forEach(OnnxModel::close);
    }
}
