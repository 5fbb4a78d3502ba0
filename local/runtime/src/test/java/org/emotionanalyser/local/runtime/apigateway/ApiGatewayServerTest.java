package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiGatewayServerTest {

    private static final URI EDGE = URI.create("http://127.0.0.1:4566");

    @Test
    void dashboardConnectingTo_whenServingThePage_letsItConnectToTheEdgeWherePresignedUploadsGo() throws IOException {
        byte[] page;
        try (InputStream resource = ApiGatewayServer.class.getResourceAsStream("/dashboard/index.html")) {
            assertThat(resource).as("the dashboard page on the class path").isNotNull();
            page = resource.readAllBytes();
        }

        String served = new String(ApiGatewayServer.dashboardConnectingTo(page, EDGE), StandardCharsets.UTF_8);

        assertThat(served).contains("connect-src 'self' http://127.0.0.1:4566;");
        assertThat(served.replace(" http://127.0.0.1:4566", ""))
                .as("nothing else of the page changes").isEqualTo(new String(page, StandardCharsets.UTF_8));
    }

    @Test
    void dashboardConnectingTo_whenThePageLostItsConnectSource_failsInsteadOfServingAPageThatCannotUpload() {
        byte[] page = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ApiGatewayServer.dashboardConnectingTo(page, EDGE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connect-src 'self';")
                .hasMessageContaining("http://127.0.0.1:4566");
    }
}
