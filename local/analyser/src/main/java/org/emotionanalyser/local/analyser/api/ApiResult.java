package org.emotionanalyser.local.analyser.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP answer of the Rekognition-compatible endpoint: status, headers (content type, and for errors
 * {@code x-amzn-ErrorType}) and the JSON body.
 */
public record ApiResult(int statusCode, Map<String, String> headers, String body) {

    public ApiResult {
        headers = Map.copyOf(headers);
    }

    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
