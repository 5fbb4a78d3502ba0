package org.emotionanalyser.local.runtime.rekognition;

import org.emotionanalyser.local.analyser.LocalAnalyzer;
import org.emotionanalyser.local.analyser.api.ApiResult;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;

/**
 * Mounts the local analyser on the edge under the signing name {@code rekognition}: each JSON 1.1 request is
 * routed by its {@code X-Amz-Target} header to the analyser's Rekognition-compatible API.
 */
public final class RekognitionEndpoint implements EdgeService {

    private final LocalAnalyzer analyser;

    public RekognitionEndpoint(LocalAnalyzer analyser) {
        this.analyser = analyser;
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) {
        ApiResult result = analyser.handle(request.header("X-Amz-Target").orElse(null), request.body());
        return new EdgeResponse(result.statusCode(), result.headers(), result.bodyBytes());
    }
}
