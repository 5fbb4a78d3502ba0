package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizerPolicyTest {

    private static final String METHOD_ARN = "arn:aws:execute-api:us-east-1:000000000000:api/local/GET/tenants/acme";

    @Test
    void evaluate_whenAllowCoversMethodWithWildcard_expectAllowWithContext() {
        String response = """
                {"principalId":"acme","policyDocument":{"Version":"2012-10-17","Statement":[
                  {"Action":["execute-api:Invoke"],"Effect":"Allow",
                   "Resource":["arn:aws:execute-api:us-east-1:000000000000:api/local/*"]}]},
                 "context":{"role":"tenant","tenantId":"acme","limit":5}}""";

        AuthorizerPolicy policy = AuthorizerPolicy.evaluate(response, METHOD_ARN);

        assertThat(policy.decision()).isEqualTo(AuthorizerPolicy.Decision.ALLOW);
        assertThat(policy.authorizer()).containsEntry("principalId", "acme").containsEntry("role", "tenant")
                .containsEntry("tenantId", "acme").containsEntry("limit", 5);
    }

    @Test
    void evaluate_whenDenyAndAllowBothMatch_expectExplicitDeny() {
        String response = """
                {"policyDocument":{"Statement":[
                  {"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"},
                  {"Action":"execute-api:Invoke","Effect":"Deny","Resource":"arn:aws:execute-api:*:*:api/*/GET/*"}]}}""";

        assertThat(AuthorizerPolicy.evaluate(response, METHOD_ARN).decision())
                .isEqualTo(AuthorizerPolicy.Decision.EXPLICIT_DENY);
    }

    @Test
    void evaluate_whenAllowIsForAnotherRoute_expectImplicitDeny() {
        String response = """
                {"policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow",
                  "Resource":"arn:aws:execute-api:us-east-1:000000000000:api/local/POST/*"}]}}""";

        assertThat(AuthorizerPolicy.evaluate(response, METHOD_ARN).decision())
                .isEqualTo(AuthorizerPolicy.Decision.IMPLICIT_DENY);
    }
}
