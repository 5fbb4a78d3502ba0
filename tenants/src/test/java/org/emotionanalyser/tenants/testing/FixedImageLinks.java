package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.tenants.port.ImageLinks;

import java.time.Duration;

/** Links of the form {@code https://images.test/<key>?validFor=<seconds>}, so tests can see what was linked. */
public final class FixedImageLinks implements ImageLinks {

    @Override
    public String presignedGet(String key, Duration validity) {
        return "https://images.test/" + key + "?validFor=" + validity.toSeconds();
    }
}
