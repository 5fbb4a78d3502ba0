package org.emotionanalyser.tenants.port;

import java.time.Duration;

/** Time-limited links to stored images, for people who have no credentials. */
public interface ImageLinks {

    /** A URL that GETs the object under {@code key} in the images bucket until {@code validity} has passed. */
    String presignedGet(String key, Duration validity);
}
