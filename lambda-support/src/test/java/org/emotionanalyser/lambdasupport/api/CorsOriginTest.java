package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorsOriginTest {

    @Test
    void applyTo_whenOriginConfigured_addsItAndKeepsTheOtherHeaders() {
        CorsOrigin cors = CorsOrigin.fromEnvironment(Map.of("ALLOWED_ORIGIN", "https://d111111abcdef8.cloudfront.net"));

        APIGatewayProxyResponseEvent response = cors.applyTo(ApiResponses.json(201, Map.of("a", 1),
                Map.of("Location", "/tenants/acme/images/x")));

        assertThat(response.getHeaders())
                .containsEntry("Access-Control-Allow-Origin", "https://d111111abcdef8.cloudfront.net")
                .containsEntry("Location", "/tenants/acme/images/x")
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void applyTo_whenNoOriginConfigured_leavesTheResponseWithoutCorsHeader() {
        CorsOrigin cors = CorsOrigin.fromEnvironment(Map.of());

        APIGatewayProxyResponseEvent response = cors.applyTo(ApiResponses.noContent());

        assertThat(response.getHeaders()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(cors.origin()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "https://d111111abcdef8.cloudfront.net/", "https://page.example/index.html",
            "http://page.example", "d111111abcdef8.cloudfront.net", "https://a.example, https://b.example"})
    void fromEnvironment_whenNotASingleOrigin_refusesToStart(String value) {
        assertThatThrownBy(() -> CorsOrigin.fromEnvironment(Map.of("ALLOWED_ORIGIN", value)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ALLOWED_ORIGIN must be one origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://d111111abcdef8.cloudfront.net", "https://mood.example.org:8443",
            "http://localhost:8080", "http://127.0.0.1:5173"})
    void fromEnvironment_whenSingleOrigin_allowsExactlyIt(String value) {
        assertThat(CorsOrigin.fromEnvironment(Map.of("ALLOWED_ORIGIN", value)).origin()).hasValue(value);
    }
}
