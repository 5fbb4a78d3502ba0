package org.emotionanalyser.local.runtime.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The events handlers receive, read back through the Lambda runtime's own deserialiser. */
class ApiGatewayEventsTest {

    private static final ApiRoute PUT_IMAGE = new ApiRoute("/tenants/{tenantId}/images/{image}", "PUT",
            "arn:aws:lambda:us-east-1:000000000000:function:upload", null);
    private static final ApiDefinition API = new ApiDefinition("restapi", "local",
            List.of("image/jpeg", "image/png"), List.of(PUT_IMAGE), Map.of());
    private static final ApiGatewayEvents EVENTS = new ApiGatewayEvents(API, "us-east-1", "000000000000",
            "localhost:8080");

    @Test
    void proxyEvent_whenContentTypeIsBinaryMediaType_expectBase64BodyFlagged() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x10};
        HttpCall call = call("PUT", "/tenants/acme/images/party.jpg", null,
                Map.of("Content-Type", List.of("image/jpeg")), jpeg);

        APIGatewayProxyRequestEvent event = proxy(call, Map.of("tenantId", "acme", "image", "party.jpg"));

        assertThat(event.getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(jpeg);
    }

    @Test
    void proxyEvent_whenContentTypeIsText_expectBodyAsIs() {
        HttpCall call = call("PUT", "/tenants/acme/images/a.json", null,
                Map.of("Content-Type", List.of("application/json; charset=utf-8")),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        APIGatewayProxyRequestEvent event = proxy(call, Map.of("tenantId", "acme", "image", "a.json"));

        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getBody()).isEqualTo("{\"a\":1}");
    }

    @Test
    void proxyEvent_whenHeaderAndQueryRepeat_expectLastValueSingleAndAllValuesMulti() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Tag", List.of("one", "two"));
        headers.put("Authorization", List.of("Bearer k"));
        HttpCall call = call("PUT", "/tenants/acme/images/x.jpg", "emotion=HAPPY&emotion=SAD&limit=5", headers,
                new byte[0]);

        APIGatewayProxyRequestEvent event = proxy(call, Map.of("tenantId", "acme", "image", "x.jpg"));

        assertThat(event.getHeaders()).containsEntry("X-Tag", "two").containsEntry("Authorization", "Bearer k");
        assertThat(event.getMultiValueHeaders()).containsEntry("X-Tag", List.of("one", "two"));
        assertThat(event.getQueryStringParameters()).containsEntry("emotion", "SAD").containsEntry("limit", "5");
        assertThat(event.getMultiValueQueryStringParameters()).containsEntry("emotion", List.of("HAPPY", "SAD"));
        assertThat(event.getBody()).isNull();
    }

    @Test
    void proxyEvent_whenMatched_expectResourcePathParametersAndRequestContext() {
        HttpCall call = call("PUT", "/tenants/acme/images/my photo.jpg", null, Map.of(), new byte[0]);
        RouteMatch match = new RouteTable(List.of(PUT_IMAGE)).match("PUT", call.path()).orElseThrow();

        APIGatewayProxyRequestEvent event = read(EVENTS.proxyEvent(call, match, "req-1",
                Map.of("role", "tenant", "tenantId", "acme")).toString());

        assertThat(event.getResource()).isEqualTo("/tenants/{tenantId}/images/{image}");
        assertThat(event.getPath()).isEqualTo("/tenants/acme/images/my photo.jpg");
        assertThat(event.getHttpMethod()).isEqualTo("PUT");
        assertThat(event.getPathParameters()).containsEntry("tenantId", "acme").containsEntry("image", "my photo.jpg");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-1");
        assertThat(event.getRequestContext().getStage()).isEqualTo("local");
        assertThat(event.getRequestContext().getResourcePath()).isEqualTo("/tenants/{tenantId}/images/{image}");
        assertThat(event.getRequestContext().getIdentity().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getAuthorizer()).containsEntry("role", "tenant")
                .containsEntry("tenantId", "acme");
    }

    @Test
    void authorizerEvent_whenRequestType_expectHeadersAndMethodArn() {
        HttpCall call = call("PUT", "/tenants/acme/images/x.jpg", null,
                Map.of("Authorization", List.of("Bearer k")), new byte[0]);
        RouteMatch match = new RouteTable(List.of(PUT_IMAGE)).match("PUT", call.path()).orElseThrow();

        String json = EVENTS.authorizerEvent(call, match, "req-2", "REQUEST", "Authorization").toString();
        APIGatewayCustomAuthorizerEvent event = LambdaEventSerializers
                .serializerFor(APIGatewayCustomAuthorizerEvent.class, getClass().getClassLoader()).fromJson(json);

        assertThat(event.getType()).isEqualTo("REQUEST");
        assertThat(event.getMethodArn())
                .isEqualTo("arn:aws:execute-api:us-east-1:000000000000:restapi/local/PUT/tenants/acme/images/x.jpg");
        assertThat(event.getHeaders()).containsEntry("Authorization", "Bearer k");
        assertThat(event.getPathParameters()).containsEntry("tenantId", "acme");
    }

    @Test
    void isBinary_whenWildcardMediaType_expectEverySubtypeBinary() {
        ApiGatewayEvents events = new ApiGatewayEvents(new ApiDefinition("a", "s", List.of("image/*"), List.of(),
                Map.of()), "us-east-1", "000000000000", "localhost");

        assertThat(events.isBinary("image/webp")).isTrue();
        assertThat(events.isBinary("application/json")).isFalse();
        assertThat(events.isBinary(null)).isFalse();
    }

    private static APIGatewayProxyRequestEvent proxy(HttpCall call, Map<String, String> pathParameters) {
        return read(EVENTS.proxyEvent(call, new RouteMatch(PUT_IMAGE, pathParameters), "req", null).toString());
    }

    private static APIGatewayProxyRequestEvent read(String json) {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                ApiGatewayEventsTest.class.getClassLoader()).fromJson(json);
    }

    private static HttpCall call(String method, String path, String query, Map<String, List<String>> headers,
                                 byte[] body) {
        return new HttpCall(method, path, query, headers, body, "127.0.0.1");
    }
}
