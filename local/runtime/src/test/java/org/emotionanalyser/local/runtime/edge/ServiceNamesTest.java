package org.emotionanalyser.local.runtime.edge;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceNamesTest {

    @Test
    void of_whenSigned_isTheServiceOfTheCredentialScope() {
        EdgeRequest request = request("PUT", "/images/uploads/acme/a.jpg", null, Map.of("authorization",
                "AWS4-HMAC-SHA256 Credential=local/20261204/eu-west-1/s3/aws4_request, SignedHeaders=host, "
                        + "Signature=abc"));

        assertThat(ServiceNames.of(request)).isEqualTo("s3");
    }

    @Test
    void of_whenAnUnsignedRequestIsForAnObjectOrABucket_isS3() {
        assertThat(ServiceNames.of(request("PUT", "/images/uploads/acme/a.jpg", null, Map.of(
                "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")))).isEqualTo("s3");
        assertThat(ServiceNames.of(request("GET", "/images/uploads/acme/a.jpg", null, Map.of("range",
                "bytes=0-65535")))).isEqualTo("s3");
        assertThat(ServiceNames.of(request("PUT", "/images", "lifecycle", Map.of()))).isEqualTo("s3");
        assertThat(ServiceNames.of(request("GET", "/images/", "list-type=2&prefix=uploads%2F", Map.of())))
                .isEqualTo("s3");
    }

    @Test
    void of_whenAnUnsignedRequestNamesNothing_isNoService() {
        assertThat(ServiceNames.of(request("POST", "/", null, Map.of("content-type",
                "application/x-www-form-urlencoded")))).isNull();
        assertThat(ServiceNames.of(request("GET", "/", null, Map.of()))).isNull();
        assertThat(ServiceNames.of(request("GET", "/Not_A_Bucket/key", null, Map.of()))).isNull();
    }

    @Test
    void of_whenUnsignedJsonRequestHasATarget_isThatService() {
        assertThat(ServiceNames.of(request("POST", "/", null, Map.of("x-amz-target", "AmazonSQS.SendMessage"))))
                .isEqualTo("sqs");
    }

    private static EdgeRequest request(String method, String rawPath, String rawQuery, Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new EdgeRequest(method, rawPath, rawQuery, multi, new byte[0]);
    }
}
