package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRequestTest {

    record Settings(String name, Integer retentionDays) {
    }

    @Test
    void header_whenNameDiffersInCaseOrIsMultiValued_findsIt() {
        APIGatewayProxyRequestEvent single = new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("content-type", "image/png"));
        APIGatewayProxyRequestEvent multi = new APIGatewayProxyRequestEvent()
                .withMultiValueHeaders(Map.of("CONTENT-TYPE", List.of("image/jpeg")));

        assertThat(new ApiRequest(single).header("Content-Type")).isEqualTo("image/png");
        assertThat(new ApiRequest(multi).header("Content-Type")).isEqualTo("image/jpeg");
    }

    @Test
    void decodedPath_whenParameterIsPercentEncoded_decodesItButKeepsPlus() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withPathParameters(Map.of("image", "beach%20party+1.jpg", "broken", "100%zz"));

        assertThat(new ApiRequest(event).decodedPath("image")).isEqualTo("beach party+1.jpg");
        assertThat(new ApiRequest(event).decodedPath("broken")).isEqualTo("100%zz");
    }

    @Test
    void body_whenBodyIsBase64EncodedJson_readsTheRecord() {
        String json = "{\"name\":\"Acme\",\"retentionDays\":7}";
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withBody(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true);

        assertThat(new ApiRequest(event).body(Settings.class, false)).isEqualTo(new Settings("Acme", 7));
    }

    @Test
    void body_whenBodyIsAbsent_isEmptyWhenOptionalAndA400Otherwise() {
        ApiRequest request = new ApiRequest(new APIGatewayProxyRequestEvent());

        assertThat(request.body(Settings.class, true)).isEqualTo(new Settings(null, null));
        assertThatThrownBy(() -> request.body(Settings.class, false)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("JSON body is required");
    }

    @Test
    void jsonObject_whenBodyIsNotAnObject_failsWithInvalidRequest() {
        assertThatThrownBy(() -> new ApiRequest(new APIGatewayProxyRequestEvent().withBody("[1]")).jsonObject())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> new ApiRequest(new APIGatewayProxyRequestEvent().withBody("{")).jsonObject())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void text_whenFieldIsNotAString_failsNamingTheField() {
        ApiRequest request = new ApiRequest(new APIGatewayProxyRequestEvent().withBody("{\"name\": 3}"));

        assertThatThrownBy(() -> ApiRequest.text(request.jsonObject(), "name"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("'name' must be a string");
    }

    @Test
    void limit_whenOutOfRange_failsAndDefaultsTo50WhenAbsent() {
        assertThat(new ApiRequest(new APIGatewayProxyRequestEvent()).limit()).isEqualTo(50);
        ApiRequest tooMany = new ApiRequest(new APIGatewayProxyRequestEvent()
                .withQueryStringParameters(Map.of("limit", "1001")));
        assertThatThrownBy(tooMany::limit).isInstanceOf(InvalidRequestException.class);
    }
}
