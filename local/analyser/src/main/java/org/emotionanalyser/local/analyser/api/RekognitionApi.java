package org.emotionanalyser.local.analyser.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.analyser.domain.AgeGender;
import org.emotionanalyser.local.analyser.domain.AnalyzedFace;
import org.emotionanalyser.local.analyser.domain.ConfidenceCalibration;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.DetectedObject;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.FaceQuality;
import org.emotionanalyser.local.analyser.domain.HeadPose;
import org.emotionanalyser.local.analyser.domain.Landmark;
import org.emotionanalyser.local.analyser.domain.RecognisedFace;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.port.FetchedImage;
import org.emotionanalyser.local.analyser.port.ImageFetcher;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.EmotionScore;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Rekognition's JSON 1.1 protocol for {@code DetectFaces}, {@code DetectLabels} and {@code RecognizeCelebrities},
 * answered by the local models, so the AWS SDK's {@code RekognitionClient} works against it unchanged.
 *
 * <p>Only what is really computed is returned: face boxes, confidences, eye and nose landmarks, emotions, Pose (from
 * the landmarks' geometry), Quality (from the face's pixels) and, when DetectFaces is asked for them, AgeRange and
 * Gender (from the FaceRes model's age and gender heads); Smile, EyesOpen and the other face attributes have no
 * model here and are omitted rather than invented. Errors use Rekognition's names
 * ({@code __type} in the body and the {@code x-amzn-ErrorType} header), mapped to status codes in
 * {@link #error(String, String)} only.
 */
public final class RekognitionApi {

    /** The {@code X-Amz-Target} prefix of every operation. */
    public static final String TARGET_PREFIX = "RekognitionService.";
    static final int MAX_BYTES_IMAGE = 5 * 1024 * 1024;
    static final int MAX_S3_IMAGE = 15 * 1024 * 1024;
    private static final double DEFAULT_MIN_CONFIDENCE = 55;
    private static final Set<String> FACE_ATTRIBUTES = Set.of("DEFAULT", "ALL", "AGE_RANGE", "BEARDS", "EMOTIONS",
            "EYE_DIRECTION", "EYEGLASSES", "EYES_OPEN", "GENDER", "MOUTH_OPEN", "MUSTACHE", "FACE_OCCLUDED", "SMILE",
            "SUNGLASSES");
    private static final Map<String, Integer> STATUS = Map.of("InternalServerError", 500);
    /**
     * What the decoded images kept for the next calls on the same image may weigh: ten 1920x1080 photos, enough
     * for the reader invocations running at once on a few cores (one decoded image is at most 12 MB).
     */
    static final long DECODED_IMAGES_BYTES = 64L * 1024 * 1024;
    /** A reader invocation makes its calls within seconds; a minute leaves room for retries. */
    static final Duration DECODED_IMAGES_TTL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(RekognitionApi.class.getName());

    private final FaceAnalysisPipeline analyser;
    private final Supplier<FaceGallery> gallery;
    private final ImageFetcher fetcher;
    private final BoundedImageDecoder decoder = new BoundedImageDecoder();
    private final DecodedImageCache images;

    /**
     * @param gallery the current gallery of known people (read per request, so enrolments show at once)
     * @param fetcher reads images given as {@code S3Object}
     */
    public RekognitionApi(FaceAnalysisPipeline analyser, Supplier<FaceGallery> gallery, ImageFetcher fetcher) {
        this(analyser, gallery, fetcher, new DecodedImageCache(DECODED_IMAGES_BYTES, DECODED_IMAGES_TTL,
                Clock.systemUTC()));
    }

    /** @param images recently decoded images, shared by the calls a reader invocation makes on one image */
    public RekognitionApi(FaceAnalysisPipeline analyser, Supplier<FaceGallery> gallery, ImageFetcher fetcher,
                          DecodedImageCache images) {
        this.analyser = analyser;
        this.gallery = gallery;
        this.fetcher = fetcher;
        this.images = images;
    }

    /**
     * Answers one request.
     *
     * @param amzTarget   the {@code X-Amz-Target} header, e.g. {@code RekognitionService.DetectFaces}
     * @param requestBody the JSON body
     */
    public ApiResult handle(String amzTarget, byte[] requestBody) {
        try {
            String operation = amzTarget == null ? "" : amzTarget.startsWith(TARGET_PREFIX)
                    ? amzTarget.substring(TARGET_PREFIX.length()) : amzTarget;
            JsonNode request = parse(requestBody);
            ObjectNode response = switch (operation) {
                case "DetectFaces" -> detectFaces(request);
                case "DetectLabels" -> detectLabels(request);
                case "RecognizeCelebrities" -> recognizeCelebrities(request);
                default -> throw new UnknownOperationException("Operation '" + operation + "' is not supported here; "
                        + "this endpoint implements DetectFaces, DetectLabels and RecognizeCelebrities.");
            };
            return new ApiResult(200, headers(null), response.toString());
        } catch (EmotionAnalyserException e) {
            return error(e.code(), e.getMessage());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Even an OutOfMemoryError is this request's failure: its allocations are garbage once we return, and
            // the endpoint keeps answering the other requests.
            LOG.log(System.Logger.Level.ERROR, "Rekognition request " + amzTarget + " failed unexpectedly", e);
            return error("InternalServerError", "The local analyser failed: " + e.getClass().getSimpleName()
                    + "; see the analyser's log.");
        }
    }

    private ObjectNode detectFaces(JsonNode request) {
        JsonNode attributes = request.path("Attributes");
        if (!attributes.isMissingNode() && !attributes.isArray()) {
            throw new InvalidParameterException("Attributes must be a list, e.g. [\"ALL\"].");
        }
        Set<String> requested = new HashSet<>();
        for (JsonNode attribute : attributes) {
            if (!FACE_ATTRIBUTES.contains(attribute.asText())) {
                throw new InvalidParameterException("Attribute '" + attribute.asText() + "' is not one of "
                        + FACE_ATTRIBUTES.stream().sorted().toList() + ".");
            }
            requested.add(attribute.asText());
        }
        boolean all = requested.contains("ALL");
        boolean withEmotions = all || requested.contains("EMOTIONS");
        boolean withAge = all || requested.contains("AGE_RANGE");
        boolean withGender = all || requested.contains("GENDER");
        RgbImage image = image(request, "DetectFaces");
        List<AnalyzedFace> faces = withEmotions ? analyser.analyseFaces(image)
                : analyser.detectFaces(image).stream().map(face -> new AnalyzedFace(face, List.of())).toList();
        ArrayNode details = JSON.createArrayNode();
        for (AnalyzedFace face : faces) {
            ObjectNode detail = face(image, face.face(), withEmotions ? face.emotions() : null);
            if (withAge || withGender) {
                AgeGender estimate = analyser.estimateAgeGender(image, face.face().box());
                if (withAge) {
                    detail.putObject("AgeRange").put("Low", estimate.ageLow()).put("High", estimate.ageHigh());
                }
                if (withGender) {
                    detail.putObject("Gender").put("Value", estimate.gender().rekognitionValue())
                            .put("Confidence", estimate.genderConfidence());
                }
            }
            details.add(detail);
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("FaceDetails", details);
        return response;
    }

    private ObjectNode detectLabels(JsonNode request) {
        double minConfidence = DEFAULT_MIN_CONFIDENCE;
        JsonNode min = request.path("MinConfidence");
        if (!min.isMissingNode()) {
            if (!min.isNumber() || min.asDouble() < 0 || min.asDouble() > 100) {
                throw new InvalidParameterException("MinConfidence must be a number from 0 to 100.");
            }
            minConfidence = min.asDouble();
        }
        int maxLabels = Integer.MAX_VALUE;
        JsonNode max = request.path("MaxLabels");
        if (!max.isMissingNode()) {
            if (!max.canConvertToInt() || max.asInt() < 0) {
                throw new InvalidParameterException("MaxLabels must be a whole number of 0 or more.");
            }
            maxLabels = max.asInt();
        }
        RgbImage image = image(request, "DetectLabels");
        // Boxes are kept down to the requested confidence; a label's confidence is its best instance's.
        Map<String, List<DetectedObject>> byLabel = new LinkedHashMap<>();
        for (DetectedObject object : analyser.detectObjects(image, minConfidence / 100)) {
            byLabel.computeIfAbsent(object.label(), k -> new ArrayList<>()).add(object);
        }
        Map<String, Double> confidence = new LinkedHashMap<>();
        byLabel.forEach((label, objects) -> confidence.put(label, 100 * objects.get(0).confidence()));
        // A visible face is evidence of a person even when the whole-body detector is unsure (close-ups, crowds):
        // the Person label's confidence is the higher of the two detectors'.
        List<FaceDetection> faces = analyser.detectFaces(image);
        if (!faces.isEmpty()) {
            double faceConfidence = ConfidenceCalibration.faceConfidence(faces.get(0).confidence());
            if (faceConfidence >= minConfidence) {
                confidence.merge("Person", faceConfidence, Math::max);
            }
        }
        ArrayNode labels = JSON.createArrayNode();
        confidence.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(maxLabels)
                .forEach(entry -> {
                    ObjectNode label = labels.addObject();
                    label.put("Name", entry.getKey());
                    label.put("Confidence", entry.getValue());
                    ArrayNode instances = label.putArray("Instances");
                    for (DetectedObject object : byLabel.getOrDefault(entry.getKey(), List.of())) {
                        ObjectNode instance = instances.addObject();
                        instance.set("BoundingBox", box(object.box()));
                        instance.put("Confidence", 100 * object.confidence());
                    }
                    label.putArray("Parents");
                    label.putArray("Aliases");
                    label.putArray("Categories");
                });
        ObjectNode response = JSON.createObjectNode();
        response.set("Labels", labels);
        response.put("LabelModelVersion", "local-centernet-coco");
        return response;
    }

    private ObjectNode recognizeCelebrities(JsonNode request) {
        RgbImage image = image(request, "RecognizeCelebrities");
        ArrayNode celebrities = JSON.createArrayNode();
        ArrayNode unrecognised = JSON.createArrayNode();
        for (RecognisedFace face : analyser.recognise(image, gallery.get())) {
            AnalyzedFace analysed = face.face();
            ObjectNode compared = face(image, analysed.face(), analysed.emotions());
            if (face.match().isPresent()) {
                ObjectNode celebrity = celebrities.addObject();
                celebrity.putArray("Urls");
                celebrity.put("Name", face.match().get().name());
                celebrity.put("Id", face.match().get().id());
                celebrity.set("Face", compared);
                celebrity.put("MatchConfidence", face.match().get().matchConfidence());
            } else {
                unrecognised.add(compared);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("CelebrityFaces", celebrities);
        response.set("UnrecognizedFaces", unrecognised);
        return response;
    }

    /**
     * A face as Rekognition's {@code FaceDetail} / {@code ComparedFace}: the DEFAULT attributes (BoundingBox,
     * Confidence, Landmarks, Pose, Quality) always, {@code Emotions} when given. Pose is left out only when the
     * detector located no eyes and nose to compute it from.
     */
    private static ObjectNode face(RgbImage image, FaceDetection face, List<EmotionScore> emotions) {
        ObjectNode node = JSON.createObjectNode();
        node.set("BoundingBox", box(face.box()));
        node.put("Confidence", ConfidenceCalibration.faceConfidence(face.confidence()));
        ArrayNode landmarks = node.putArray("Landmarks");
        for (Landmark landmark : face.landmarks()) {
            landmarks.addObject().put("Type", landmark.type()).put("X", landmark.x()).put("Y", landmark.y());
        }
        HeadPose.estimate(face, image.width(), image.height()).ifPresent(pose -> node.putObject("Pose")
                .put("Roll", pose.roll()).put("Yaw", pose.yaw()).put("Pitch", pose.pitch()));
        FaceQuality quality = FaceQuality.measure(image, face.box());
        node.putObject("Quality").put("Brightness", quality.brightness()).put("Sharpness", quality.sharpness());
        if (emotions != null) {
            ArrayNode array = node.putArray("Emotions");
            emotions.forEach(e -> array.addObject().put("Type", e.type().name()).put("Confidence", e.confidence()));
        }
        return node;
    }

    private static ObjectNode box(BoundingBox box) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Width", box.width());
        node.put("Height", box.height());
        node.put("Left", box.left());
        node.put("Top", box.top());
        return node;
    }

    private RgbImage image(JsonNode request, String operation) {
        JsonNode image = request.path("Image");
        if (!image.isObject()) {
            throw new InvalidParameterException("Image is required: give either Image.Bytes or Image.S3Object.");
        }
        JsonNode bytes = image.path("Bytes");
        JsonNode s3 = image.path("S3Object");
        if (bytes.isMissingNode() == s3.isMissingNode()) {
            throw new InvalidParameterException("Give exactly one of Image.Bytes and Image.S3Object.");
        }
        if (!s3.isMissingNode()) {
            return storedImage(s3, operation);
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(bytes.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("Image.Bytes is not valid base64.");
        }
        if (data.length > MAX_BYTES_IMAGE) {
            throw new ImageTooLargeException("Image.Bytes is " + data.length + " bytes; the limit is "
                    + MAX_BYTES_IMAGE + ". Pass larger images (up to 15 MB) as an S3Object.");
        }
        return images.get(data, encoded -> decoder.decode(encoded, operation));
    }

    /**
     * An {@code S3Object} image. When the image decoded for an earlier call on the same object is still held, the
     * object is read only if it changed since (a conditional read), so the reader's second call on an upload
     * neither transfers nor decodes it again.
     */
    private RgbImage storedImage(JsonNode s3, String operation) {
        String bucket = s3.path("Bucket").asText("");
        String name = s3.path("Name").asText("");
        if (bucket.isEmpty() || name.isEmpty()) {
            throw new InvalidParameterException("Image.S3Object needs both Bucket and Name.");
        }
        String version = s3.path("Version").isTextual() ? s3.path("Version").asText() : null;
        String location = bucket + "/" + name + (version == null ? "" : "?versionId=" + version);
        Optional<DecodedImageCache.Held> held = images.find(location);
        // The size limit goes to the fetch: an oversized object is refused from its declared length, not read.
        FetchedImage fetched = fetcher.fetchIfChanged(bucket, name, version,
                held.map(DecodedImageCache.Held::eTag).orElse(null), MAX_S3_IMAGE);
        if (fetched instanceof FetchedImage.Unchanged && held.isPresent()) {
            return held.get().image();
        }
        if (fetched instanceof FetchedImage.TooLarge tooLarge) {
            throw new ImageTooLargeException((tooLarge.knownSize() >= 0
                    ? "The S3 object is " + tooLarge.knownSize() + " bytes; the limit is "
                    : "The S3 object is larger than the limit of ") + MAX_S3_IMAGE
                    + " bytes. Resize or recompress the image.");
        }
        if (!(fetched instanceof FetchedImage.Found found)) {
            throw new InvalidS3ObjectException("Unable to get object metadata from S3: s3://" + bucket + "/" + name
                    + " does not exist. Check the bucket and key.");
        }
        if (found.eTag() == null) {
            return images.get(found.bytes(), encoded -> decoder.decode(encoded, operation));
        }
        return images.get(location, found.eTag(), () -> decoder.decode(found.bytes(), operation));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new SerializationException("The request body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new SerializationException("The request body is not valid JSON.");
        }
    }

    /** The one place errors become HTTP answers: AWS JSON protocol errors are 400 unless the server failed. */
    private static ApiResult error(String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("__type", type);
        body.put("message", message);
        return new ApiResult(STATUS.getOrDefault(type, 400), headers(type), body.toString());
    }

    private static Map<String, String> headers(String errorType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (errorType != null) {
            headers.put("x-amzn-ErrorType", errorType);
        }
        return headers;
    }
}
