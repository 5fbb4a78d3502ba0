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

import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.list;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.map;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.str;
import static org.emotionanalyser.local.runtime.cloudformation.PropertyValues.string;
import static org.emotionanalyser.local.runtime.cloudformation.StackContext.localId;

/**
 * The {@code AWS::ApiGateway::*} resources of one REST API, collected into the {@link ApiDefinition} that
 * {@link ApiGatewayServer} serves: Lambda proxy routes, Lambda authorizers, binary media types, gateway responses.
 */
public final class ApiGatewayProvisioner implements ResourceProvisioner {

    private static final Pattern FUNCTION_IN_URI = Pattern.compile("functions/(.+)/invocations");
    private static final String REST_API = "AWS::ApiGateway::RestApi";

    private final Map<String, ApiResource> apiResources = new HashMap<>();
    private final List<PendingMethod> apiMethods = new ArrayList<>();
    private final Map<String, ApiAuthorizer> authorizers = new HashMap<>();
    private final List<String> binaryMediaTypes = new ArrayList<>();
    private final Map<String, GatewayResponse> gatewayResponses = new LinkedHashMap<>();
    private String apiId;
    private String stageName;

    @Override
    public Map<String, List<String>> propertiesUsed() {
        return Map.of(REST_API, List.of("BinaryMediaTypes"),
                "AWS::ApiGateway::Resource", List.of("ParentId", "PathPart"),
                "AWS::ApiGateway::Method", List.of("HttpMethod", "ResourceId", "AuthorizationType", "AuthorizerId",
                        "Integration"),
                "AWS::ApiGateway::Authorizer", List.of("Type", "IdentitySource", "AuthorizerUri"),
                "AWS::ApiGateway::Stage", List.of("StageName"),
                "AWS::ApiGateway::GatewayResponse", List.of("ResponseType", "StatusCode", "ResponseTemplates",
                        "ResponseParameters"));
    }

    /** API Gateway ids are generated; {@link StackContext#localId} stands for them. */
    @Override
    public Object ref(TemplateResource r, StackContext stack) {
        return null;
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
            case "AWS::ApiGateway::Stage" -> stageName = string(p, "StageName", r);
            default -> defineGatewayResponse(r, p);
        }
    }

    private void defineRestApi(TemplateResource r, Map<String, Object> p) {
        if (apiId != null) {
            throw new TemplateException(r.logicalId() + " is a second REST API; local mode serves one");
        }
        apiId = localId(r.logicalId());
        for (Object type : list(p.get("BinaryMediaTypes"))) {
            // CloudFormation accepts both "image/png" and the escaped "image~1png".
            binaryMediaTypes.add(String.valueOf(type).replace("~1", "/"));
        }
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
                    authorizer(method.logicalId(), p)));
        }
        return Optional.of(new ApiDefinition(apiId, stageName == null ? "local" : stageName,
                List.copyOf(binaryMediaTypes), List.copyOf(routes), Map.copyOf(gatewayResponses)));
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
