package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The S3 endpoint of local mode: the bucket lifecycle API ({@code GET/PUT/DELETE /<bucket>?lifecycle}, path-style
 * addressing) is answered here, since S3Proxy has none; every other request goes on to S3Proxy unchanged.
 *
 * <p>Answers have S3's shapes: GET returns the {@code LifecycleConfiguration} document as it was put, or 404
 * {@code NoSuchLifecycleConfiguration}; PUT answers 200 and DELETE 204; a missing bucket is 404
 * {@code NoSuchBucket}; errors are S3's XML {@code Error} documents. Deleting a bucket deletes its configuration,
 * as on S3. Virtual-hosted-style requests ({@code <bucket>.host/?lifecycle}) are not recognised and reach S3Proxy,
 * which answers 501.
 */
record S3LifecycleApi(EdgeService s3Proxy, BlobStore store, S3LifecycleConfigurations configurations)
        implements EdgeService {

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        Optional<String> bucket = bucketOf(request.rawPath());
        if (bucket.isEmpty()) {
            return s3Proxy.handle(request);
        }
        if (hasParameter(request.rawQuery(), "lifecycle")) {
            try {
                return lifecycle(request, bucket.get());
            } catch (AwsServiceException e) {
                return error(e.status(), e.code(), e.getMessage(), bucket.get());
            }
        }
        EdgeResponse answer = s3Proxy.handle(request);
        if ("DELETE".equals(request.method()) && request.rawQuery() == null && answer.status() == 204) {
            configurations.delete(bucket.get());
        }
        return answer;
    }

    private EdgeResponse lifecycle(EdgeRequest request, String bucket) {
        if (!store.containerExists(bucket)) {
            throw new AwsServiceException(404, "NoSuchBucket", "The specified bucket does not exist");
        }
        return switch (request.method()) {
            case "GET" -> configurations.get(bucket)
                    .map(document -> new EdgeResponse(200, Map.of("Content-Type", "application/xml",
                            "x-amz-request-id", requestId()), document))
                    .orElseThrow(() -> new AwsServiceException(404, "NoSuchLifecycleConfiguration",
                            "The lifecycle configuration does not exist"));
            case "PUT" -> {
                configurations.put(bucket, request.body());
                yield new EdgeResponse(200, Map.of("x-amz-request-id", requestId()), new byte[0]);
            }
            case "DELETE" -> {
                configurations.delete(bucket);
                yield new EdgeResponse(204, Map.of("x-amz-request-id", requestId()), new byte[0]);
            }
            default -> throw new AwsServiceException(405, "MethodNotAllowed",
                    "The specified method is not allowed against this resource: use GET, PUT or DELETE");
        };
    }

    /** The bucket of a path-style bucket request ({@code /bucket} or {@code /bucket/}), or empty for any other. */
    private static Optional<String> bucketOf(String rawPath) {
        if (rawPath == null || rawPath.length() < 2 || rawPath.charAt(0) != '/') {
            return Optional.empty();
        }
        String bucket = rawPath.endsWith("/") ? rawPath.substring(1, rawPath.length() - 1) : rawPath.substring(1);
        return bucket.isEmpty() || bucket.contains("/") || bucket.contains("%") ? Optional.empty()
                : Optional.of(bucket);
    }

    private static boolean hasParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return false;
        }
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            if ((equals < 0 ? parameter : parameter.substring(0, equals)).equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static EdgeResponse error(int status, String code, String message, String bucket) {
        String requestId = requestId();
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(code) + "</Code><Message>"
                + xml(message) + "</Message><BucketName>" + xml(bucket) + "</BucketName><RequestId>" + requestId
                + "</RequestId><HostId>local</HostId></Error>";
        return new EdgeResponse(status, Map.of("Content-Type", "application/xml", "x-amz-request-id", requestId),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
