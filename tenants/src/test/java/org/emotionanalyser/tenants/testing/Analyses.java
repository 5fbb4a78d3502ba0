package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.StoredObject;

import java.time.Instant;
import java.util.List;

/** Contract events built in code, for tests that need many or varied images. */
public final class Analyses {

    private Analyses() {
    }

    /** An analysis with one HAPPY face of a known person and one SAD face. */
    public static ImageAnalyzed happyAndSad(String tenantId, String imageId, Instant analyzedAt) {
        Face happy = Face.of(new BoundingBox(0.1, 0.1, 0.2, 0.2), 99.5,
                List.of(new EmotionScore(Emotion.HAPPY, 93.25), new EmotionScore(Emotion.CALM, 4.5)),
                new CelebrityMatch("Ada Lovelace", "c1", 97.5), 50);
        Face sad = Face.of(new BoundingBox(0.5, 0.1, 0.2, 0.2), 98.0,
                List.of(new EmotionScore(Emotion.SAD, 77.0)), null, 50);
        return ImageAnalyzed.of(tenantId, imageId, object(tenantId, imageId), analyzedAt, "local",
                new PersonDetection(true, 99.0), List.of(happy, sad));
    }

    public static ImageRejected rejected(String tenantId, String imageId, Instant rejectedAt) {
        return ImageRejected.of(tenantId, imageId, object(tenantId, imageId), rejectedAt, RejectionReason.TOO_SMALL,
                "the image is 40x40 pixels; upload one at least 80 pixels on each side");
    }

    private static StoredObject object(String tenantId, String imageId) {
        return new StoredObject("bucket", "uploads/" + tenantId + "/" + imageId + ".jpg", 1234, "etag",
                "image/jpeg");
    }
}
