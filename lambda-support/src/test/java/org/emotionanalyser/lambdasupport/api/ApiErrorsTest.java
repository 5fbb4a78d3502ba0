package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.InvalidTenantIdException;
import org.emotionanalyser.router.json.EventJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiErrorsTest {

    /** A domain failure a module maps, and a more specific one it does not map on its own. */
    static class ConflictException extends EmotionAnalyserException {
        ConflictException(String code, String message) {
            super(code, message);
        }
    }

    static final class NameTakenException extends ConflictException {
        NameTakenException() {
            super("NameTaken", "the name is taken; choose another name");
        }
    }

    static final class StoreDownException extends EmotionAnalyserException {
        StoreDownException() {
            super("StoreUnavailable", "bucket emotion-analyser-dev-images answered 503 for key uploads/acme/secret.jpg");
        }
    }

    private final ApiErrors errors = ApiErrors.builder()
            .map(ConflictException.class, 409)
            .map(StoreDownException.class, 503, "the store is unavailable; retry in a few seconds")
            .build();

    @Test
    void toResponse_whenFailureIsASubclassOfAMappedFailure_answersTheParentsStatusWithItsOwnCode() {
        APIGatewayProxyResponseEvent response = errors.toResponse("POST /tenants", new NameTakenException());

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(error(response).path("code").asText()).isEqualTo("NameTaken");
        assertThat(error(response).path("message").asText()).isEqualTo("the name is taken; choose another name");
    }

    @Test
    void toResponse_whenAuthenticationIsMissing_answers401WithABearerChallenge() {
        APIGatewayProxyResponseEvent response = errors.toResponse("GET /tenants",
                new AuthenticationRequiredException("missing or invalid API key"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer")
                .containsEntry("Content-Type", "application/json");
    }

    @Test
    void toResponse_whenPlumbingFailuresAreRaised_answersTheirStatusesInEveryModule() {
        assertThat(errors.statusOf(new InvalidRequestException("limit must be a whole number"))).isEqualTo(400);
        assertThat(errors.statusOf(new InvalidTenantIdException("BAD"))).isEqualTo(400);
        assertThat(errors.statusOf(new AccessDeniedException("use the tenant's own key"))).isEqualTo(403);
        assertThat(errors.statusOf(UnknownRouteException.of("GET /x", List.of("GET /y")))).isEqualTo(404);
    }

    @Test
    void toResponse_whenAServerSideFailureHasAPublicMessage_answersItInsteadOfTheDetails() {
        APIGatewayProxyResponseEvent response = errors.toResponse("PUT /x", new StoreDownException());

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(error(response).path("message").asText())
                .isEqualTo("the store is unavailable; retry in a few seconds");
        assertThat(response.getBody()).doesNotContain("secret.jpg");
    }

    @Test
    void toResponse_whenFailureIsNotOneOfOurs_answers500RevealingNothing() {
        APIGatewayProxyResponseEvent response = errors.toResponse("GET /x",
                new IllegalStateException("password=hunter2"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(error(response).path("code").asText()).isEqualTo("InternalError");
        assertThat(response.getBody()).doesNotContain("hunter2");
    }

    private static JsonNode error(APIGatewayProxyResponseEvent response) {
        try {
            return EventJson.mapper().readTree(response.getBody()).path("error");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
