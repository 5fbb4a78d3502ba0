package org.emotionanalyser.infra;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-tenant throttling as the template wires it: every method a caller reaches through the authorizer requires a
 * usage-plan key taken from the authorizer, each tenant's key gets the tenants' plan's throttle below the stage's
 * ceiling, and the values the functions are given name the template's own plan and admin key.
 */
class UsagePlanConsistencyTest {

    private final CloudFormationTemplate template = TemplateSpecValidationTest.deployedTemplate();
    private final TemplateValues values = new TemplateValues(template, Map.of(
            "ArtifactsBucket", "artifacts", "IngestJarKey", "ingest.jar", "TenantsJarKey", "tenants.jar"));

    @Test
    void restApi_whenRead_takesUsageKeysFromTheAuthorizer() {
        assertThat(template.properties("RestApi")).containsEntry("ApiKeySourceType", "AUTHORIZER");
    }

    @Test
    void methods_whenBehindTheAuthorizer_allRequireAUsageKey() {
        for (String method : template.resourcesOfType("AWS::ApiGateway::Method")) {
            Map<String, Object> properties = template.properties(method);
            if ("CUSTOM".equals(properties.get("AuthorizationType"))) {
                assertThat(properties.get("ApiKeyRequired")).as(method + " ApiKeyRequired").isEqualTo(true);
            }
        }
    }

    @Test
    void tenantUsagePlan_whenDefaultsApply_throttlesEachTenantBelowTheStageCeiling() {
        Map<String, Object> throttle = StackFunctions.map(template.properties("TenantUsagePlan").get("Throttle"));
        double rate = Double.parseDouble(values.resolve(throttle.get("RateLimit")));
        int burst = Integer.parseInt(values.resolve(throttle.get("BurstLimit")));
        Map<String, Object> stage = StackFunctions.map(StackFunctions.list(
                template.properties("ApiStage").get("MethodSettings")).get(0));

        assertThat(rate).isEqualTo(10);
        assertThat(burst).isEqualTo(20);
        assertThat(rate).isLessThan(((Number) stage.get("ThrottlingRateLimit")).doubleValue());
        assertThat(burst).isLessThan(((Number) stage.get("ThrottlingBurstLimit")).intValue());
        assertThat(template.properties("AdminUsagePlan")).as("the admin is not throttled with the tenants")
                .doesNotContainKey("Throttle");
    }

    @Test
    void adminFunctionEnvironment_whenResolved_namesTheTenantUsagePlan() {
        String planName = values.resolve(template.properties("TenantUsagePlan").get("UsagePlanName"));
        Map<String, Object> env = StackFunctions.of(template).get("AdminApiFunction").environment();

        assertThat(values.resolve(env.get("TENANT_USAGE_PLAN_NAME"))).isEqualTo(planName);
    }

    @Test
    void authorizerEnvironment_whenResolved_holdsTheAdminUsageKeysValue() {
        String keyValue = values.resolve(template.properties("AdminUsageKey").get("Value"));
        Map<String, Object> env = StackFunctions.of(template).get("AuthorizerFunction").environment();

        assertThat(values.resolve(env.get("ADMIN_USAGE_KEY"))).isEqualTo(keyValue);
        assertThat(keyValue.length()).as("API Gateway wants key values of at least 20 characters")
                .isGreaterThanOrEqualTo(20);
        Map<String, Object> planKey = template.properties("AdminUsagePlanKey");
        assertThat(planKey.get("KeyId")).isEqualTo(Map.of("Ref", "AdminUsageKey"));
        assertThat(planKey.get("UsagePlanId")).isEqualTo(Map.of("Ref", "AdminUsagePlan"));
    }

    /**
     * CloudFormation refuses a template whose resources depend on each other in a circle. The usage plan needs the
     * stage, the stage the deployment, the deployment the methods and the methods the functions: a function (or its
     * role) referring to the plan would close such a circle, so this walks every Ref, GetAtt, Sub and DependsOn.
     */
    @Test
    void resources_whenEveryReferenceIsFollowed_dependOnEachOtherInNoCircle() {
        Map<String, Set<String>> edges = new HashMap<>();
        for (String id : template.resources().keySet()) {
            Set<String> targets = new TreeSet<>();
            Map<String, Object> resource = template.resource(id);
            references(resource.get("Properties"), targets);
            Object dependsOn = resource.get("DependsOn");
            if (dependsOn instanceof String one) {
                targets.add(one);
            } else {
                StackFunctions.list(dependsOn).forEach(d -> targets.add(String.valueOf(d)));
            }
            targets.retainAll(template.resources().keySet());
            edges.put(id, targets);
        }
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            assertThat(cycleFrom(start, edges, done, new ArrayDeque<>())).as("a dependency circle").isEmpty();
        }
    }

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");

    private static void references(Object value, Set<String> into) {
        Map<String, Object> map = StackFunctions.map(value);
        if (map.containsKey("Ref")) {
            into.add(String.valueOf(map.get("Ref")));
        }
        if (map.containsKey("Fn::GetAtt")) {
            into.add(String.valueOf(StackFunctions.list(map.get("Fn::GetAtt")).get(0)));
        }
        if (map.containsKey("Fn::Sub")) {
            Object sub = map.get("Fn::Sub");
            String text = sub instanceof String string ? string : String.valueOf(StackFunctions.list(sub).get(0));
            Matcher variable = SUB_VARIABLE.matcher(text);
            while (variable.find()) {
                into.add(variable.group(1));
            }
        }
        map.values().forEach(nested -> references(nested, into));
        StackFunctions.list(value).forEach(nested -> references(nested, into));
    }

    /** A circle reachable from {@code id}, as the path around it, or an empty list. */
    private static List<String> cycleFrom(String id, Map<String, Set<String>> edges, Set<String> done,
                                          Deque<String> path) {
        if (path.contains(id)) {
            List<String> circle = new java.util.ArrayList<>(path);
            circle.add(id);
            return circle;
        }
        if (!done.add(id)) {
            return List.of();
        }
        path.addLast(id);
        for (String next : edges.getOrDefault(id, Set.of())) {
            List<String> circle = cycleFrom(next, edges, done, path);
            if (!circle.isEmpty()) {
                return circle;
            }
        }
        path.removeLast();
        return List.of();
    }
}
