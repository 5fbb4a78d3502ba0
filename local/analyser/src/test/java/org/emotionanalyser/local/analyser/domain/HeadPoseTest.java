package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeadPoseTest {

    private static final int WIDTH = 400;
    private static final int HEIGHT = 300;
    private static final BoundingBox BOX = new BoundingBox(0.3, 0.3, 0.4, 0.5);

    @Test
    void estimate_whenTheEyesAreLevelAndTheNoseSitsCentredBelowThem_isFrontal() {
        HeadPose pose = HeadPose.estimate(face(160, 100, 240, 100, 200, 100 + 0.6 * 80), WIDTH, HEIGHT).orElseThrow();

        assertThat(pose.roll()).isCloseTo(0, within(1e-9));
        assertThat(pose.yaw()).isCloseTo(0, within(1e-9));
        assertThat(pose.pitch()).isCloseTo(0, within(1e-6));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-40, -15, 0, 10, 30})
    void estimate_whenTheWholeFaceIsTurnedInThePicture_reportsThatAngleAsRollAndKeepsYawAndPitch(double degrees) {
        // a face turned 20 degrees towards the image's right and tilted, then rotated in the picture plane
        double[][] points = {{-40, 0}, {40, 0}, {0.4 * Math.tan(Math.toRadians(20)) * 80, 52}};
        double angle = Math.toRadians(degrees);
        double[] xy = new double[6];
        for (int i = 0; i < 3; i++) {
            xy[2 * i] = 200 + points[i][0] * Math.cos(angle) - points[i][1] * Math.sin(angle);
            xy[2 * i + 1] = 150 + points[i][0] * Math.sin(angle) + points[i][1] * Math.cos(angle);
        }
        HeadPose level = HeadPose.estimate(face(160, 150, 240, 150, 200 + points[2][0], 150 + 52), WIDTH, HEIGHT)
                .orElseThrow();

        HeadPose pose = HeadPose.estimate(face(xy[0], xy[1], xy[2], xy[3], xy[4], xy[5]), WIDTH, HEIGHT).orElseThrow();

        assertThat(pose.roll()).as("clockwise in the image is positive").isCloseTo(degrees, within(1e-6));
        assertThat(pose.yaw()).isCloseTo(level.yaw(), within(1e-6));
        assertThat(pose.pitch()).isCloseTo(level.pitch(), within(1e-6));
    }

    @Test
    void estimate_whenTheNoseLiesTowardsTheImagesRight_hasPositiveYawAndTheMirrorImageTheOpposite() {
        double shift = 0.4 * Math.tan(Math.toRadians(25)) * 80;
        HeadPose right = HeadPose.estimate(face(160, 100, 240, 100, 200 + shift, 148), WIDTH, HEIGHT).orElseThrow();
        HeadPose left = HeadPose.estimate(face(160, 100, 240, 100, 200 - shift, 148), WIDTH, HEIGHT).orElseThrow();

        assertThat(right.yaw()).isCloseTo(25, within(1e-6));
        assertThat(left.yaw()).isCloseTo(-25, within(1e-6));
    }

    @Test
    void estimate_whenTheNoseLiesCloseBelowTheEyes_hasTheFaceTiltedUpAndFarBelowTiltedDown() {
        HeadPose up = HeadPose.estimate(face(160, 100, 240, 100, 200, 100 + 0.3 * 80), WIDTH, HEIGHT).orElseThrow();
        HeadPose down = HeadPose.estimate(face(160, 100, 240, 100, 200, 100 + 0.7 * 80), WIDTH, HEIGHT).orElseThrow();

        assertThat(up.pitch()).isBetween(15.0, 60.0);
        assertThat(down.pitch()).isBetween(-30.0, -5.0);
    }

    @Test
    void estimate_whenTheDetectorLocatedNoEyes_isEmpty() {
        FaceDetection noseOnly = new FaceDetection(BOX, 0.9, List.of(new Landmark("nose", 0.5, 0.5)));

        assertThat(HeadPose.estimate(noseOnly, WIDTH, HEIGHT)).isEmpty();
        assertThat(HeadPose.eyeLineAngle(noseOnly, WIDTH, HEIGHT)).isEmpty();
    }

    /** A face with eyes and nose at these pixel positions. */
    private static FaceDetection face(double leftX, double leftY, double rightX, double rightY, double noseX, double noseY) {
        return new FaceDetection(BOX, 0.9, List.of(
                new Landmark("eyeLeft", leftX / WIDTH, leftY / HEIGHT),
                new Landmark("eyeRight", rightX / WIDTH, rightY / HEIGHT),
                new Landmark("nose", noseX / WIDTH, noseY / HEIGHT)));
    }
}
