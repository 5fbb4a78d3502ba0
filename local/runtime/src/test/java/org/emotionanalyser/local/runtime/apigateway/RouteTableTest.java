package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTableTest {

    private static final RouteTable ROUTES = new RouteTable(List.of(
            route("/tenants/{tenantId}", "GET"),
            route("/tenants/{tenantId}/images/{image}", "PUT"),
            route("/tenants/{tenantId}/stats", "GET"),
            route("/tenants/{tenantId}/{anything}", "GET"),
            route("/files/{path+}", "ANY")));

    @Test
    void match_whenLiteralAndParameterBothFit_expectLiteralResource() {
        RouteMatch match = ROUTES.match("GET", "/tenants/acme/stats").orElseThrow();

        assertThat(match.route().resourcePath()).isEqualTo("/tenants/{tenantId}/stats");
        assertThat(match.pathParameters()).containsEntry("tenantId", "acme").hasSize(1);
    }

    @Test
    void match_whenParameters_expectTheirValues() {
        RouteMatch match = ROUTES.match("PUT", "/tenants/acme/images/a.jpg").orElseThrow();

        assertThat(match.pathParameters()).containsEntry("tenantId", "acme").containsEntry("image", "a.jpg");
    }

    @Test
    void match_whenGreedyParameter_expectRestOfPath() {
        RouteMatch match = ROUTES.match("DELETE", "/files/a/b/c.txt").orElseThrow();

        assertThat(match.route().httpMethod()).isEqualTo("ANY");
        assertThat(match.pathParameters()).containsEntry("path", "a/b/c.txt");
    }

    @Test
    void match_whenMethodNotDefinedOrPathUnknown_expectNoMatch() {
        assertThat(ROUTES.match("POST", "/tenants/acme")).isEmpty();
        assertThat(ROUTES.match("GET", "/tenants/acme/images/a.jpg/more")).isEmpty();
        assertThat(ROUTES.match("GET", "/nothing")).isEmpty();
    }

    @Test
    void methodsAt_whenResourceHasMethods_expectThemForPreflight() {
        assertThat(ROUTES.methodsAt("/tenants/acme/images/a.jpg")).containsExactly("PUT");
    }

    private static ApiRoute route(String path, String method) {
        return new ApiRoute(path, method, "arn:aws:lambda:us-east-1:000000000000:function:f", null);
    }
}
