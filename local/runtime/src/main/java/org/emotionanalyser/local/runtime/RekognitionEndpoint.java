package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.analyser.LocalAnalyzer;
import org.emotionanalyser.local.analyser.api.ApiResult;
import org.emotionanalyser.local.runtime.services.EdgeRequest;
import org.emotionanalyser.local.runtime.services.EdgeResponse;
import org.emotionanalyser.local.runtime.services.EdgeService;

/**
 * Mounts the local analyser on the edge under the signing name {@code rekognition}: each JSON 1.1 request is
 * routed by its {@code X-Amz-Target} header to the analyser's Rekognition-compatible API.
 */
final class RekognitionEndpoint implements EdgeService {

    private final LocalAnalyzer analyser;

    RekognitionEndpoint(LocalAnalyzer analyser) {
        this.analyser = analyser;
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) {
        ApiResult result = analyser.handle(request.header("X-Amz-Target").orElse(null), request.body());
        return new EdgeResponse(result.statusCode(), result.headers(), result.bodyBytes());
    }
}
