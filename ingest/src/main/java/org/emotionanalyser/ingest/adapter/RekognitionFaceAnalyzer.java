package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.AnalyzerCalls;
import org.emotionanalyser.ingest.domain.AnalyzerUnavailableException;
import org.emotionanalyser.ingest.domain.DetectedFace;
import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.FaceMatching;
import org.emotionanalyser.ingest.domain.ImageReference;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.ingest.port.FaceAnalyzer;
import org.emotionanalyser.router.adapter.Sleeper;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.RejectionReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.AccessDeniedException;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.Celebrity;
import software.amazon.awssdk.services.rekognition.model.ComparedFace;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsFeatureName;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InternalServerErrorException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.Label;
import software.amazon.awssdk.services.rekognition.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.rekognition.model.RecognizeCelebritiesResponse;
import software.amazon.awssdk.services.rekognition.model.RekognitionException;
import software.amazon.awssdk.services.rekognition.model.S3Object;
import software.amazon.awssdk.services.rekognition.model.ThrottlingException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link FaceAnalyzer} on Amazon Rekognition (or the local analyser, which speaks the same API).
 *
 * <p>Calls per image, cheapest first:
 * <ol>
 *     <li>{@code DetectLabels}, restricted to the Person label: no person at or above the configured confidence
 *     ends the analysis (1 call);</li>
 *     <li>{@code RecognizeCelebrities}: its celebrity faces and unrecognised faces are {@code ComparedFace}s that
 *     carry a bounding box, a confidence and the emotions - everything the event contract needs (2 calls);</li>
 *     <li>{@code DetectFaces} with all attributes, only when RecognizeCelebrities cannot be the whole answer: it
 *     returned {@value #RECOGNIZE_CELEBRITIES_MAX_FACES} faces (its limit, so smaller faces may be missing; DetectFaces
 *     returns up to 100), or a face came without emotions. Celebrities are then attached to DetectFaces' faces by
 *     bounding-box overlap (3 calls).</li>
 * </ol>
 *
 * <p>Each call is retried here, with exponential backoff and jitter, on throttling
 * ({@code ThrottlingException}, {@code ProvisionedThroughputExceededException}), server errors and network
 * failures; the SDK's own retries are switched off with {@link org.emotionanalyser.lambdasupport.aws.AwsClientSettings#withoutSdkRetries()} so that attempts are counted
 * and bounded in one place. Every attempt and pause fits in the invocation's {@link InvocationBudget}, keeping
 * {@value #RESERVE_SECONDS} s for publishing the result: no attempt is cut off by the function's timeout. A failure
 * that persists is not the image's fault, so it is thrown as {@link AnalyzerUnavailableException} (the invocation
 * fails and Lambda retries it later); every refusal of the image itself becomes {@link FaceAnalysis.Failed} with
 * the matching rejection reason.
 */
public record RekognitionFaceAnalyzer(RekognitionClient client, double personThreshold, Sleeper sleeper)
        implements FaceAnalyzer {

    /** RecognizeCelebrities reports at most this many (the largest) faces. */
    public static final int RECOGNIZE_CELEBRITIES_MAX_FACES = 64;
    public static final String DETECT_LABELS = "DetectLabels";
    public static final String RECOGNIZE_CELEBRITIES = "RecognizeCelebrities";
    public static final String DETECT_FACES = "DetectFaces";

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionFaceAnalyzer.class);
    private static final String PERSON_LABEL = "Person";
    private static final float LOWEST_REPORTED_PERSON_CONFIDENCE = 50f;
    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 3_000;
    /** Time kept back from the invocation's budget for publishing the event after the analysis. */
    static final int RESERVE_SECONDS = 10;
    private static final Duration RESERVE = Duration.ofSeconds(RESERVE_SECONDS);
    /** No single attempt runs longer than this, whatever the budget. */
    private static final Duration MAX_ATTEMPT_TIME = Duration.ofSeconds(20);
    /** An attempt with less time than this left is not started. */
    private static final Duration MIN_ATTEMPT_TIME = Duration.ofSeconds(1);

    public RekognitionFaceAnalyzer(RekognitionClient client, double personThreshold) {
        this(client, personThreshold, Thread::sleep);
    }

    @Override
    public FaceAnalysis analyze(ImageReference reference, InvocationBudget budget) {
        Image image = toImage(reference);
        Counter counter = new Counter(budget);
        try {
            DetectLabelsResponse labels = call(counter, DETECT_LABELS, timeout -> client.detectLabels(request -> request
                    .overrideConfiguration(limit(timeout))
                    .image(image)
                    .minConfidence((float) Math.min(LOWEST_REPORTED_PERSON_CONFIDENCE, personThreshold))
                    .features(DetectLabelsFeatureName.GENERAL_LABELS)
                    .settings(settings -> settings.generalLabels(filter -> filter
                            .labelInclusionFilters(PERSON_LABEL)))));
            PersonDetection person = personOf(labels);
            if (!person.detected()) {
                return new FaceAnalysis.Completed(person, List.of(), counter.snapshot());
            }
            RecognizeCelebritiesResponse recognised = call(counter, RECOGNIZE_CELEBRITIES,
                    timeout -> client.recognizeCelebrities(request -> request.overrideConfiguration(limit(timeout))
                            .image(image)));
            List<DetectedFace> celebrities = new ArrayList<>();
            for (Celebrity celebrity : recognised.celebrityFaces()) {
                if (celebrity.face() != null) {
                    celebrities.add(toFace(celebrity.face()).withCelebrity(new CelebrityMatch(
                            celebrity.name(), celebrity.id(), value(celebrity.matchConfidence()))));
                }
            }
            List<DetectedFace> unrecognised = recognised.unrecognizedFaces().stream()
                    .map(RekognitionFaceAnalyzer::toFace).toList();
            List<DetectedFace> all = new ArrayList<>(celebrities);
            all.addAll(unrecognised);
            if (all.size() < RECOGNIZE_CELEBRITIES_MAX_FACES
                    && all.stream().noneMatch(face -> face.emotions().isEmpty())) {
                return new FaceAnalysis.Completed(person, all, counter.snapshot());
            }
            DetectFacesResponse detected = call(counter, DETECT_FACES,
                    timeout -> client.detectFaces(request -> request.overrideConfiguration(limit(timeout))
                            .image(image).attributes(Attribute.ALL)));
            List<DetectedFace> faces = detected.faceDetails().stream().map(RekognitionFaceAnalyzer::toFace).toList();
            return new FaceAnalysis.Completed(person, FaceMatching.attachCelebrities(faces, celebrities),
                    counter.snapshot());
        } catch (AnalysisFailure failure) {
            return new FaceAnalysis.Failed(failure.reason, failure.getMessage(), counter.snapshot());
        }
    }

    private static Image toImage(ImageReference reference) {
        if (reference instanceof ImageReference.StoredImage stored) {
            return Image.builder().s3Object(S3Object.builder()
                    .bucket(stored.bucket()).name(stored.key()).version(stored.versionId()).build()).build();
        }
        ImageReference.EncodedImage encoded = (ImageReference.EncodedImage) reference;
        return Image.builder().bytes(SdkBytes.fromByteArray(encoded.bytes())).build();
    }

    private PersonDetection personOf(DetectLabelsResponse labels) {
        Optional<Label> person = labels.labels().stream()
                .filter(label -> PERSON_LABEL.equalsIgnoreCase(label.name()))
                .findFirst();
        double confidence = person.map(label -> value(label.confidence())).orElse(0.0);
        return new PersonDetection(confidence >= personThreshold && confidence > 0, confidence);
    }

    private static DetectedFace toFace(ComparedFace face) {
        return new DetectedFace(toBox(face.boundingBox()), value(face.confidence()),
                toScores(face.emotions()), null);
    }

    private static DetectedFace toFace(FaceDetail face) {
        return new DetectedFace(toBox(face.boundingBox()), value(face.confidence()),
                toScores(face.emotions()), null);
    }

    private static org.emotionanalyser.router.domain.BoundingBox toBox(BoundingBox box) {
        if (box == null) {
            return new org.emotionanalyser.router.domain.BoundingBox(0, 0, 0, 0);
        }
        return new org.emotionanalyser.router.domain.BoundingBox(value(box.left()), value(box.top()),
                value(box.width()), value(box.height()));
    }

    /** Rekognition's UNKNOWN counts as OTHER; types this contract does not know yet are left out. */
    private static List<EmotionScore> toScores(List<software.amazon.awssdk.services.rekognition.model.Emotion> in) {
        List<EmotionScore> scores = new ArrayList<>();
        for (software.amazon.awssdk.services.rekognition.model.Emotion emotion : in) {
            String type = emotion.typeAsString();
            Optional<Emotion> parsed = "UNKNOWN".equalsIgnoreCase(type) ? Optional.of(Emotion.OTHER)
                    : Emotion.parse(type);
            parsed.ifPresent(known -> scores.add(new EmotionScore(known, value(emotion.confidence()))));
        }
        return scores;
    }

    private static double value(Float number) {
        return number == null ? 0 : number;
    }

    private <T> T call(Counter counter, String operation, Function<Duration, T> request) {
        counter.count(operation);
        String lastProblem = null;
        int attempt = 0;
        while (attempt < MAX_ATTEMPTS) {
            Duration left = counter.budget.remaining().minus(RESERVE);
            if (left.compareTo(MIN_ATTEMPT_TIME) < 0) {
                break;
            }
            attempt++;
            try {
                return request.apply(left.compareTo(MAX_ATTEMPT_TIME) < 0 ? left : MAX_ATTEMPT_TIME);
            } catch (SdkException e) {
                if (!retryable(e)) {
                    throw refusal(operation, e);
                }
                lastProblem = problemOf(e);
                if (attempt < MAX_ATTEMPTS) {
                    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << (attempt - 1));
                    long pause = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
                    if (counter.budget.remaining().minus(RESERVE).minusMillis(pause).compareTo(MIN_ATTEMPT_TIME) < 0) {
                        break;
                    }
                    counter.retried();
                    LOG.warn("{} attempt {} of {} failed ({}); retrying in {} ms", operation, attempt, MAX_ATTEMPTS,
                            lastProblem, pause);
                    pause(pause);
                }
            }
        }
        throw new AnalyzerUnavailableException(operation + " did not get through in " + attempt + " attempt"
                + (attempt == 1 ? "" : "s") + " (" + (lastProblem == null ? "no time left in the invocation"
                : lastProblem) + "); the analyser is throttling or unavailable, so the invocation fails and Lambda "
                + "retries it later - raise the account's Rekognition TPS quota if this keeps happening");
    }

    /** The request's own time limit: the client's would let one attempt outlive the invocation. */
    private static Consumer<AwsRequestOverrideConfiguration.Builder> limit(Duration timeout) {
        return override -> override.apiCallTimeout(timeout).apiCallAttemptTimeout(timeout);
    }

    private static boolean retryable(SdkException e) {
        if (e instanceof ThrottlingException || e instanceof ProvisionedThroughputExceededException
                || e instanceof InternalServerErrorException) {
            return true;
        }
        if (e instanceof RekognitionException service) {
            return service.statusCode() >= 500 || service.statusCode() == 429;
        }
        // Network failures and attempt timeouts never reached the service's verdict.
        return e instanceof SdkClientException;
    }

    private static AnalysisFailure refusal(String operation, SdkException e) {
        String problem = problemOf(e);
        if (e instanceof InvalidImageFormatException) {
            return new AnalysisFailure(RejectionReason.UNSUPPORTED_FORMAT, "Rekognition could not read the image ("
                    + problem + "); save it again as an ordinary 8-bit RGB JPEG or PNG and upload it again");
        }
        if (e instanceof ImageTooLargeException) {
            return new AnalysisFailure(RejectionReason.TOO_LARGE, "Rekognition refused the image as too large ("
                    + problem + "); resize it below 15 MB and 4096 pixels per side and upload it again");
        }
        if (e instanceof InvalidS3ObjectException) {
            return new AnalysisFailure(RejectionReason.ANALYSIS_FAILED, "Rekognition could not read the stored "
                    + "object (" + problem + "); check that the bucket is in the function's region and that its "
                    + "encryption key and policy let Rekognition read it");
        }
        if (e instanceof AccessDeniedException) {
            return new AnalysisFailure(RejectionReason.ANALYSIS_FAILED, "the reader may not call " + operation
                    + " (" + problem + "); grant rekognition:" + operation + " to the reader function's role");
        }
        return new AnalysisFailure(RejectionReason.ANALYSIS_FAILED, operation + " refused the image (" + problem
                + ")");
    }

    private static String problemOf(SdkException e) {
        if (e instanceof RekognitionException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ", HTTP " + service.statusCode();
        }
        return e.getClass().getSimpleName();
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnalyzerUnavailableException("interrupted while waiting to retry the analyser; the "
                    + "invocation fails and Lambda retries it");
        }
    }

    /** The calls of one image and the time it may still take. */
    private static final class Counter {
        private final Map<String, Integer> calls = new LinkedHashMap<>();
        private final InvocationBudget budget;
        private int retries;

        Counter(InvocationBudget budget) {
            this.budget = budget;
        }

        void count(String operation) {
            calls.merge(operation, 1, Integer::sum);
        }

        void retried() {
            retries++;
        }

        AnalyzerCalls snapshot() {
            return new AnalyzerCalls(calls, retries);
        }
    }

    /** Ends the analysis of one image with a rejection reason; caught in {@link #analyze}, never escapes. */
    private static final class AnalysisFailure extends EmotionAnalyserException {
        private final RejectionReason reason;

        AnalysisFailure(RejectionReason reason, String message) {
            super("AnalysisFailed", message);
            this.reason = reason;
        }
    }
}
