package org.emotionanalyser.local.analyser.domain;

import java.util.Optional;

/**
 * A face's head pose in degrees, as Rekognition's {@code Pose} reports it (each angle in -180..180), computed from the
 * detector's eye and nose landmarks; no model is involved.
 *
 * <ul>
 *   <li>{@code roll}: the angle of the line from the eye on the image's left to the other eye, positive when the face
 *   is turned clockwise as seen in the image. Exact geometry of the landmarks.</li>
 *   <li>{@code yaw}: from how far the nose tip lies beside the midpoint of the eyes: a nose tip
 *   {@link #NOSE_DEPTH} eye-distances in front of the eyes shifts sideways by {@code NOSE_DEPTH * tan(yaw)} eye
 *   distances when the head turns. Positive when the face turns towards the image's right (the person's left).</li>
 *   <li>{@code pitch}: from how far the nose tip lies below the eye line: {@link #NOSE_DROP} eye distances on a level
 *   face, more when the head tilts down, less when it tilts up. Positive when the face tilts up (chin raised).</li>
 * </ul>
 *
 * Yaw and pitch use one average face's proportions (weak perspective), so they are approximations: people's
 * proportions differ and the detector's keypoints are coarse. The module's README gives the measured accuracy.
 */
public record HeadPose(double roll, double yaw, double pitch) {

    /**
     * How far the nose tip stands in front of the eyes, in distances between the eyes (adult average: about 25 mm in
     * front of the pupils, which are about 63 mm apart).
     */
    static final double NOSE_DEPTH = 0.4;
    /**
     * How far below the eye line the detector puts the nose tip on a level, frontal face, in distances between the
     * eyes (adult average: about 38 mm below the pupils, 63 mm apart).
     */
    static final double NOSE_DROP = 0.6;

    /**
     * The angle of the eye line in radians (clockwise in the image, whose y axis points down), from the eye on the
     * image's left to the other; empty when the detector located no eyes.
     */
    public static Optional<Double> eyeLineAngle(FaceDetection face, int imageWidth, int imageHeight) {
        Optional<Landmark> left = face.landmark("eyeLeft");
        Optional<Landmark> right = face.landmark("eyeRight");
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Math.atan2((right.get().y() - left.get().y()) * imageHeight,
                (right.get().x() - left.get().x()) * imageWidth));
    }

    /** The pose of a face whose eyes and nose the detector located; empty otherwise. */
    public static Optional<HeadPose> estimate(FaceDetection face, int imageWidth, int imageHeight) {
        Optional<Landmark> left = face.landmark("eyeLeft");
        Optional<Landmark> right = face.landmark("eyeRight");
        Optional<Landmark> nose = face.landmark("nose");
        Optional<Double> roll = eyeLineAngle(face, imageWidth, imageHeight);
        if (roll.isEmpty() || nose.isEmpty()) {
            return Optional.empty();
        }
        double eyeDx = (right.get().x() - left.get().x()) * imageWidth;
        double eyeDy = (right.get().y() - left.get().y()) * imageHeight;
        double eyeDistance = Math.hypot(eyeDx, eyeDy);
        if (eyeDistance == 0) {
            return Optional.empty();
        }
        // the nose tip relative to the midpoint of the eyes, in the face's own frame (eye line level), in eye distances
        double dx = (nose.get().x() - (left.get().x() + right.get().x()) / 2) * imageWidth;
        double dy = (nose.get().y() - (left.get().y() + right.get().y()) / 2) * imageHeight;
        double cos = Math.cos(roll.get());
        double sin = Math.sin(roll.get());
        double across = (dx * cos + dy * sin) / eyeDistance;
        double down = (-dx * sin + dy * cos) / eyeDistance;
        double yaw = Math.atan(across / NOSE_DEPTH);
        // the eye distance seen is shortened by cos(yaw); the nose tip, NOSE_DROP below and NOSE_DEPTH in front of the
        // eyes, appears NOSE_DROP cos(pitch) + NOSE_DEPTH cos(yaw) sin(pitch') below them, with pitch' = -pitch
        // (positive pitch = face up). Solve A cos p + B sin p = C for p = pitch'.
        double a = NOSE_DROP;
        double b = NOSE_DEPTH * Math.cos(yaw);
        double c = down * Math.cos(yaw);
        double r = Math.hypot(a, b);
        double pitchDown = Math.asin(Math.max(-1, Math.min(1, c / r))) - Math.atan2(a, b);
        return Optional.of(new HeadPose(Math.toDegrees(roll.get()), Math.toDegrees(yaw), -Math.toDegrees(pitchDown)));
    }
}
