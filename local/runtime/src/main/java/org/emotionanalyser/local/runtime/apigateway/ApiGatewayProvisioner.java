package org.emotionanalyser.local.runtime.apigateway;

import org.emotionanalyser.local.runtime.cloudformation.ResourceProvisioner;
import org.emotionanalyser.local.runtime.cloudformation.StackContext;
import org.emotionanalyser.local.runtime.cloudformation.TemplateException;
import org.emotionanalyser.local.runtime.cloudformation.TemplateResource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.emotionanalyser.cloudformation.yaml.YamlValues.list;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.map;
import static org.emotionanalyser.cloudformation.yaml.YamlValues.str;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.string;
import static org.emotionanalyser.local.runtime.cloudformation.StackContext.localId;

/**
 * The {@code AWS::ApiGateway::*} resources of one REST API, collected into the {@link ApiDefinition} that
 * {@link ApiGatewayServer} serves: Lambda proxy routes, Lambda authorizers, binary media types, gateway responses,
 * the stage's throttle, and the usage plans, API keys and plan keys that {@link UsagePlanStore} then holds.
 */
public final class ApiGatewayProvisioner implements ResourceProvisioner {

    private static final Pattern FUNCTION_IN_URI = Pattern.compile("functions/(.+)/invocations");
    private static final String REST_API = "AWS::ApiGateway::RestApi";
    private static final String STAGE = "AWS::ApiGateway::Stage";

    private final Map<String, ApiResource> apiResources = new HashMap<>();
    private final List<PendingMethod> apiMethods = new ArrayList<>();
    private final Map<String, ApiAuthorizer> authorizers = new HashMap<>();
    private final List<String> binaryMediaTypes = new ArrayList<>();
    private final Map<String, GatewayResponse> gatewayResponses = new LinkedHashMap<>();
    private final List<ApiDefinition.UsagePlan> usagePlans = new ArrayList<>();
    private final List<ApiDefinition.ApiKey> apiKeys = new ArrayList<>();
    private final List<ApiDefinition.UsagePlanKey> usagePlanKeys = new ArrayList<>();
    private String apiId;
    private String apiKeySource = ApiDefinition.HEADER;
    private String stageName;
    private ApiDefinition.Throttle stageThrottle;

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(REST_API, List.of("BinaryMediaTypes", "ApiKeySourceType"),
                "AWS::ApiGateway::Resource", List.of("ParentId", "PathPart"),
                "AWS::ApiGateway::Method", List.of("HttpMethod", "ResourceId", "AuthorizationType", "AuthorizerId",
                        "Integration", "ApiKeyRequired"),
                "AWS::ApiGateway::Authorizer", List.of("Type", "IdentitySource", "AuthorizerUri"),
                STAGE, List.of("StageName", "MethodSettings"),
                "AWS::ApiGateway::GatewayResponse", List.of("ResponseType", "StatusCode", "ResponseTemplates",
                        "ResponseParameters"),
                "AWS::ApiGateway::UsagePlan", List.of("UsagePlanName", "Throttle", "ApiStages"),
                "AWS::ApiGateway::ApiKey", List.of("Name", "Value", "Enabled"),
                "AWS::ApiGateway::UsagePlanKey", List.of("UsagePlanId", "KeyId", "KeyType"));
    }

    /**
     * API Gateway ids are generated; {@link StackContext#localId} stands for them. A stage's Ref is its name, as in
     * CloudFormation.
     */
    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return STAGE.equals(r.type()) ? stack.name(r, "StageName") : null;
    }

    @Override
    public Object getAtt(TemplateResource r, String attribute, StackContext stack) {
        return REST_API.equals(r.type()) && attribute.equals("RootResourceId") ? "root-" + localId(r.logicalId())
                : null;
    }

    @Override
    public void provision(TemplateResource r, Map<String, Object> p, StackContext stack) {
        switch (r.type()) {
            case REST_API -> defineRestApi(r, p);
            case "AWS::ApiGateway::Resource" -> apiResources.put(localId(r.logicalId()),
                    new ApiResource(string(p, "ParentId", r), string(p, "PathPart", r)));
            case "AWS::ApiGateway::Method" -> apiMethods.add(new PendingMethod(r.logicalId(), p));
            case "AWS::ApiGateway::Authorizer" -> defineAuthorizer(r, p, stack);
            case STAGE -> defineStage(r, p);
            case "AWS::ApiGateway::UsagePlan" -> defineUsagePlan(r, p);
            case "AWS::ApiGateway::ApiKey" -> apiKeys.add(new ApiDefinition.ApiKey(localId(r.logicalId()),
                    stack.name(r, "Name"), p.containsKey("Value") ? str(p.get("Value")) : null,
                    !p.containsKey("Enabled") || Boolean.parseBoolean(str(p.get("Enabled")))));
            case "AWS::ApiGateway::UsagePlanKey" -> defineUsagePlanKey(r, p);
            default -> defineGatewayResponse(r, p);
        }
    }

    private void defineRestApi(TemplateResource r, Map<String, Object> p) {
        if (apiId != null) {
            throw new TemplateException(r.logicalId() + " is a second REST API; local mode serves one");
        }
        apiId = localId(r.logicalId());
        if (p.containsKey("ApiKeySourceType")) {
            apiKeySource = str(p.get("ApiKeySourceType"));
            if (!apiKeySource.equals(ApiDefinition.HEADER) && !apiKeySource.equals(ApiDefinition.AUTHORIZER)) {
                throw new TemplateException(r.logicalId() + " has ApiKeySourceType " + apiKeySource
                        + "; API Gateway knows HEADER and AUTHORIZER");
            }
        }
        for (Object type : list(p.get("BinaryMediaTypes"))) {
            // CloudFormation accepts both "image/png" and the escaped "image~1png".
            binaryMediaTypes.add(String.valueOf(type).replace("~1", "/"));
        }
    }

    /** The stage's name and its stage-wide limit (the {@code /*} {@code *} method setting). */
    private void defineStage(TemplateResource r, Map<String, Object> p) {
        stageName = string(p, "StageName", r);
        for (Object setting : list(p.get("MethodSettings"))) {
            Map<String, Object> s = map(setting);
            if ("/*".equals(str(s.get("ResourcePath"))) && "*".equals(str(s.get("HttpMethod")))
                    && s.containsKey("ThrottlingRateLimit") && s.containsKey("ThrottlingBurstLimit")) {
                stageThrottle = new ApiDefinition.Throttle(Double.parseDouble(str(s.get("ThrottlingRateLimit"))),
                        Integer.parseInt(str(s.get("ThrottlingBurstLimit"))));
            }
        }
    }

    private void defineUsagePlan(TemplateResource r, Map<String, Object> p) {
        Map<String, Object> throttle = map(p.get("Throttle"));
        ApiDefinition.Throttle limit = throttle.containsKey("RateLimit") && throttle.containsKey("BurstLimit")
                ? new ApiDefinition.Throttle(Double.parseDouble(str(throttle.get("RateLimit"))),
                        Integer.parseInt(str(throttle.get("BurstLimit"))))
                : null;
        if (limit == null && !throttle.isEmpty()) {
            throw new TemplateException(r.logicalId() + " throttles with only one of RateLimit and BurstLimit; "
                    + "local mode needs both (API Gateway's token bucket has a rate and a size)");
        }
        usagePlans.add(new ApiDefinition.UsagePlan(localId(r.logicalId()), planName(r, p), limit));
    }

    private static String planName(TemplateResource r, Map<String, Object> p) {
        return p.containsKey("UsagePlanName") ? str(p.get("UsagePlanName")) : r.logicalId();
    }

    private void defineUsagePlanKey(TemplateResource r, Map<String, Object> p) {
        String type = p.containsKey("KeyType") ? str(p.get("KeyType")) : "API_KEY";
        if (!type.equals("API_KEY")) {
            throw new TemplateException(r.logicalId() + " has KeyType " + type + "; API Gateway knows API_KEY");
        }
        usagePlanKeys.add(new ApiDefinition.UsagePlanKey(string(p, "UsagePlanId", r), string(p, "KeyId", r)));
    }

    private void defineGatewayResponse(TemplateResource r, Map<String, Object> p) {
        String type = string(p, "ResponseType", r);
        Object template = map(p.get("ResponseTemplates")).get("application/json");
        Map<String, String> headers = new LinkedHashMap<>();
        map(p.get("ResponseParameters")).forEach((k, v) -> {
            String prefix = "gatewayresponse.header.";
            String value = String.valueOf(v);
            if (k.startsWith(prefix) && value.startsWith("'") && value.endsWith("'") && value.length() >= 2) {
                headers.put(k.substring(prefix.length()), value.substring(1, value.length() - 1));
            }
        });
        gatewayResponses.put(type, new GatewayResponse(p.containsKey("StatusCode")
                ? Integer.valueOf(String.valueOf(p.get("StatusCode"))) : null,
                template == null ? null : String.valueOf(template), Map.copyOf(headers)));
    }

    private void defineAuthorizer(TemplateResource r, Map<String, Object> p, StackContext stack) {
        String type = p.containsKey("Type") ? str(p.get("Type")) : "TOKEN";
        if (!type.equals("REQUEST") && !type.equals("TOKEN")) {
            throw new TemplateException(r.logicalId() + " is a " + type
                    + " authorizer; local mode runs Lambda authorizers (REQUEST, TOKEN) only");
        }
        List<String> headers = new ArrayList<>();
        String identity = p.containsKey("IdentitySource") ? str(p.get("IdentitySource")) : "";
        for (String source : identity.split(",")) {
            String s = source.trim();
            if (s.startsWith("method.request.header.")) {
                headers.add(s.substring("method.request.header.".length()));
            }
        }
        authorizers.put(localId(r.logicalId()), new ApiAuthorizer(stack.name(r, "Name"), type,
                functionInUri(str(p.get("AuthorizerUri")), r.logicalId()), List.copyOf(headers)));
    }

    private static String functionInUri(String uri, String where) {
        Matcher m = uri == null ? null : FUNCTION_IN_URI.matcher(uri);
        if (m == null || !m.find()) {
            throw new TemplateException(where + " integration URI " + uri
                    + " does not name a Lambda function (…/functions/<arn>/invocations)");
        }
        return m.group(1);
    }

    /** The REST API once every resource is provisioned; empty when the template has none. */
    public Optional<ApiDefinition> api() {
        if (apiId == null) {
            return Optional.empty();
        }
        List<ApiRoute> routes = new ArrayList<>();
        for (PendingMethod method : apiMethods) {
            Map<String, Object> p = method.properties();
            String httpMethod = str(p.get("HttpMethod")).toUpperCase(Locale.ROOT);
            Map<String, Object> integration = map(p.get("Integration"));
            String integrationType = str(integration.get("Type"));
            String path = path(str(p.get("ResourceId")), method.logicalId());
            if ("MOCK".equals(integrationType) && httpMethod.equals("OPTIONS")) {
                // CORS preflight methods: the emulation answers every preflight itself.
                continue;
            }
            if (!"AWS_PROXY".equals(integrationType)) {
                throw new TemplateException(method.logicalId() + " has integration type " + integrationType
                        + "; local mode serves Lambda proxy (AWS_PROXY) integrations only");
            }
            routes.add(new ApiRoute(path, httpMethod, functionInUri(str(integration.get("Uri")), method.logicalId()),
                    authorizer(method.logicalId(), p), Boolean.parseBoolean(str(p.get("ApiKeyRequired")))));
        }
        return Optional.of(new ApiDefinition(apiId, stageName == null ? "local" : stageName,
                List.copyOf(binaryMediaTypes), List.copyOf(routes), Map.copyOf(gatewayResponses), apiKeySource,
                stageThrottle, List.copyOf(usagePlans), List.copyOf(apiKeys), List.copyOf(usagePlanKeys)));
    }

    private ApiAuthorizer authorizer(String methodId, Map<String, Object> p) {
        String authorization = p.containsKey("AuthorizationType") ? str(p.get("AuthorizationType")) : "NONE";
        if (authorization.equals("CUSTOM")) {
            String authorizerId = str(p.get("AuthorizerId"));
            ApiAuthorizer authorizer = authorizers.get(authorizerId);
            if (authorizer == null) {
                throw new TemplateException(methodId + " uses authorizer " + authorizerId
                        + " which is not an AWS::ApiGateway::Authorizer of the template");
            }
            return authorizer;
        }
        if (!authorization.equals("NONE")) {
            throw new TemplateException(methodId + " has AuthorizationType " + authorization
                    + "; local mode supports NONE and CUSTOM");
        }
        return null;
    }

    private String path(String resourceId, String where) {
        if (resourceId.startsWith("root-")) {
            return "/";
        }
        ApiResource resource = apiResources.get(resourceId);
        if (resource == null) {
            throw new TemplateException(where + " is on resource " + resourceId
                    + " which is not an AWS::ApiGateway::Resource of the template");
        }
        String parent = path(resource.parentId(), where);
        return (parent.equals("/") ? "" : parent) + "/" + resource.pathPart();
    }

    private record ApiResource(String parentId, String pathPart) {
    }

    private record PendingMethod(String logicalId, Map<String, Object> properties) {
    }
}
