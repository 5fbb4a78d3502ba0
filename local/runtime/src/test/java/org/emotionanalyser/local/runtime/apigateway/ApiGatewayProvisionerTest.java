package org.emotionanalyser.local.runtime.apigateway;

import org.emotionanalyser.local.runtime.cloudformation.CloudFormationTemplate;
import org.emotionanalyser.local.runtime.cloudformation.PseudoParameters;
import org.emotionanalyser.local.runtime.cloudformation.StackProvisioner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API Gateway emulation takes from a template's usage plans, keys, stage and methods. */
class ApiGatewayProvisionerTest {

    private static final String FUNCTION_URI = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:eu-west-1:123456789012:function:f/invocations";

    private static final String TEMPLATE = """
            Parameters:
              Stage: {Type: String, Default: local}
              TenantRateLimit: {Type: Number, Default: 10}
              TenantBurstLimit: {Type: Number, Default: 20}
            Resources:
              RestApi:
                Type: AWS::ApiGateway::RestApi
                Properties: {Name: api, ApiKeySourceType: AUTHORIZER}
              Items:
                Type: AWS::ApiGateway::Resource
                Properties: {RestApiId: !Ref RestApi, ParentId: !GetAtt RestApi.RootResourceId, PathPart: items}
              ItemsGet:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref RestApi
                  ResourceId: !Ref Items
                  HttpMethod: GET
                  AuthorizationType: NONE
                  ApiKeyRequired: true
                  Integration: {Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: '%s'}
              ItemsPost:
                Type: AWS::ApiGateway::Method
                Properties:
                  RestApiId: !Ref RestApi
                  ResourceId: !Ref Items
                  HttpMethod: POST
                  AuthorizationType: NONE
                  Integration: {Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: '%s'}
              ApiStage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  RestApiId: !Ref RestApi
                  StageName: !Ref Stage
                  MethodSettings:
                    - {ResourcePath: '/*', HttpMethod: '*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100}
              TenantUsagePlan:
                Type: AWS::ApiGateway::UsagePlan
                Properties:
                  UsagePlanName: !Sub '${Stage}-tenants'
                  ApiStages: [{ApiId: !Ref RestApi, Stage: !Ref ApiStage}]
                  Throttle: {RateLimit: !Ref TenantRateLimit, BurstLimit: !Ref TenantBurstLimit}
              AdminUsagePlan:
                Type: AWS::ApiGateway::UsagePlan
                Properties:
                  UsagePlanName: !Sub '${Stage}-admin'
                  ApiStages: [{ApiId: !Ref RestApi, Stage: !Ref ApiStage}]
              AdminUsageKey:
                Type: AWS::ApiGateway::ApiKey
                Properties: {Name: admin, Enabled: true, Value: !Sub '${Stage}-admin-usage-key-0123456789'}
              AdminUsagePlanKey:
                Type: AWS::ApiGateway::UsagePlanKey
                Properties: {KeyId: !Ref AdminUsageKey, KeyType: API_KEY, UsagePlanId: !Ref AdminUsagePlan}
            """.formatted(FUNCTION_URI, FUNCTION_URI);

    private ApiDefinition provision(Map<String, String> overrides) {
        ApiGatewayProvisioner apiGateway = new ApiGatewayProvisioner();
        new StackProvisioner(CloudFormationTemplate.parse(TEMPLATE), overrides,
                new PseudoParameters("eu-west-1", "123456789012", "stack"), List.of(apiGateway)).provision();
        return apiGateway.api().orElseThrow();
    }

    @Test
    void api_whenTheTemplateHasUsagePlans_carriesTheirLimitsKeysAndTheStagesCeiling() {
        ApiDefinition api = provision(Map.of());

        assertThat(api.apiKeySource()).isEqualTo(ApiDefinition.AUTHORIZER);
        assertThat(api.stageThrottle()).isEqualTo(new ApiDefinition.Throttle(50, 100));
        assertThat(api.usagePlans()).containsExactly(
                new ApiDefinition.UsagePlan("tenantusageplan", "local-tenants", new ApiDefinition.Throttle(10, 20)),
                new ApiDefinition.UsagePlan("adminusageplan", "local-admin", null));
        assertThat(api.apiKeys()).containsExactly(new ApiDefinition.ApiKey("adminusagekey", "admin",
                "local-admin-usage-key-0123456789", true));
        assertThat(api.usagePlanKeys()).containsExactly(
                new ApiDefinition.UsagePlanKey("adminusageplan", "adminusagekey"));
        assertThat(api.routes()).extracting(route -> route.httpMethod() + " " + route.apiKeyRequired())
                .containsExactlyInAnyOrder("GET true", "POST false");
    }

    @Test
    void api_whenTheStackOverridesTheTenantLimits_usesTheOverrides() {
        ApiDefinition api = provision(Map.of("TenantRateLimit", "2", "TenantBurstLimit", "5"));

        assertThat(api.usagePlans().get(0).throttle()).isEqualTo(new ApiDefinition.Throttle(2, 5));
    }
}
