package org.emotionanalyser.local.runtime.edge;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/** Error answers of the edge itself, in the JSON shape AWS JSON-protocol services use. */
public final class AwsErrors {

    private AwsErrors() {
    }

    static EdgeResponse unknownService(String serviceName, Collection<String> known) {
        String message = serviceName == null
                ? "The request names no AWS service: sign it with AWS Signature Version 4 (any access key works), "
                + "so its credential scope says which service it is for. Services here: " + new TreeSet<>(known)
                : "The service '" + serviceName + "' is not served by the local endpoint. Services here: "
                + new TreeSet<>(known);
        return json(400, "UnknownServiceException", message);
    }

    static EdgeResponse internal(Throwable e) {
        return json(500, "InternalFailure", "The local endpoint failed: " + e);
    }

    static EdgeResponse json(int status, String code, String message) {
        String body = "{\"__type\":\"" + Json.escape(code) + "\",\"message\":\"" + Json.escape(message) + "\"}";
        return new EdgeResponse(status, Map.of("Content-Type", "application/x-amz-json-1.1",
                "x-amzn-ErrorType", code), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
