package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProxyResponseTest {

    @Test
    void proxyResponse_whenBase64Encoded_expectDecodedBytes() {
        ApiGatewayServer.Response response = ApiGatewayServer.proxyResponse(
                "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\"iVBORw==\","
                        + "\"isBase64Encoded\":true}", "f");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(response.headers()).containsEntry("Content-Type", "image/png");
    }

    @Test
    void proxyResponse_whenMultiValueHeaders_expectJoinedValues() {
        ApiGatewayServer.Response response = ApiGatewayServer.proxyResponse(
                "{\"statusCode\":201,\"multiValueHeaders\":{\"Set-Cookie\":[\"a=1\",\"b=2\"]},\"body\":\"ok\"}", "f");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Set-Cookie", "a=1,b=2");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
    }

    @Test
    void proxyResponse_whenNotAProxyResponse_expect502() {
        assertThat(ApiGatewayServer.proxyResponse("{\"hello\":1}", "f").status()).isEqualTo(502);
        assertThat(ApiGatewayServer.proxyResponse(null, "f").status()).isEqualTo(502);
    }
}
