package org.emotionanalyser.infra;

import org.emotionanalyser.cloudformation.yaml.YamlValues;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mood monitor page on AWS: a private bucket only CloudFront reads (origin access control, bound to this
 * distribution), HTTPS for viewers, and an API that answers that origin only (never {@code *}), with a preflight on
 * every route the page's script calls. The page itself keeps the tag and policy that deploy.sh writes the API into.
 */
class PageHostingConsistencyTest {

    /** The example deployment's distribution origin (see {@link TemplateValues}). */
    private static final String PAGE_ORIGIN = "https://d111111abcdef8.cloudfront.net";
    private static final Path PAGE = Path.of(System.getProperty("page.path",
            "../local/runtime/src/main/resources/dashboard/index.html"));
    private static final Pattern PAGE_API_CALL = Pattern.compile("tenantPath\\('(/[a-z]+)(/?)");

    private final CloudFormationTemplate template = TemplateSpecValidationTest.deployedTemplate();
    private final TemplateValues values = values("dev");

    private TemplateValues values(String stage) {
        return new TemplateValues(template, Map.of(
                "Stage", stage, "AdminKeySha256", "0".repeat(64), "ArtifactsBucket", "artifacts",
                "IngestJarKey", "ingest.jar", "TenantsJarKey", "tenants.jar"));
    }

    @Test
    void pageBucket_always_blocksPublicAccessAndIsReadByThisDistributionOnly() {
        Map<String, Object> block = StackFunctions.map(template.properties("PageBucket")
                .get("PublicAccessBlockConfiguration"));
        assertThat(block).containsEntry("BlockPublicAcls", true).containsEntry("BlockPublicPolicy", true)
                .containsEntry("IgnorePublicAcls", true).containsEntry("RestrictPublicBuckets", true);
        assertThat(template.properties("PageBucket")).doesNotContainKey("WebsiteConfiguration");

        List<?> statements = StackFunctions.list(StackFunctions.map(template.properties("PageBucketPolicy")
                .get("PolicyDocument")).get("Statement"));
        List<Map<String, Object>> allows = new ArrayList<>();
        statements.forEach(s -> {
            if ("Allow".equals(StackFunctions.map(s).get("Effect"))) {
                allows.add(StackFunctions.map(s));
            }
        });
        assertThat(allows).as("the page bucket policy's Allow statements").hasSize(1);
        Map<String, Object> allow = allows.get(0);
        assertThat(allow.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
        assertThat(allow.get("Action")).isEqualTo("s3:GetObject");
        String sourceArn = values.resolve(StackFunctions.map(StackFunctions.map(allow.get("Condition"))
                .get("StringEquals")).get("AWS:SourceArn"));
        assertThat(sourceArn).as("CloudFront may read only on behalf of this stack's distribution")
                .isEqualTo("arn:aws:cloudfront::" + TemplateValues.ACCOUNT + ":distribution/PageDistribution");
    }

    @Test
    void pageDistribution_always_signsOriginRequestsAndServesViewersOverHttps() {
        Map<String, Object> config = StackFunctions.map(template.properties("PageDistribution")
                .get("DistributionConfig"));
        assertThat(config.get("DefaultRootObject")).isEqualTo("index.html");
        List<?> origins = StackFunctions.list(config.get("Origins"));
        assertThat(origins).isNotEmpty();
        for (Object origin : origins) {
            Map<String, Object> o = StackFunctions.map(origin);
            assertThat(o.get("OriginAccessControlId")).as("origin %s uses origin access control", o.get("Id"))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of("PageOriginAccessControl", "Id")));
            assertThat(StackFunctions.map(o.get("S3OriginConfig")).get("OriginAccessIdentity"))
                    .as("no legacy origin access identity next to origin access control").isEqualTo("");
        }
        assertThat(StackFunctions.map(config.get("DefaultCacheBehavior")).get("ViewerProtocolPolicy"))
                .isIn("redirect-to-https", "https-only");
        Map<String, Object> oac = StackFunctions.map(StackFunctions.map(template.properties("PageOriginAccessControl")
                .get("OriginAccessControlConfig")));
        assertThat(oac).containsEntry("SigningBehavior", "always").containsEntry("OriginAccessControlOriginType", "s3");
    }

    @Test
    void cors_everywhereTheTemplateNamesAnOrigin_isThePagesOriginAndNeverAWildcard() {
        List<String> origins = new ArrayList<>();
        collectAllowOrigins(template.resources(), origins);
        assertThat(origins).as("Access-Control-Allow-Origin values of preflights and gateway responses")
                .isNotEmpty().allMatch(origin -> origin.equals("'" + PAGE_ORIGIN + "'"));
        for (String function : List.of("TenantApiFunction", "UploadApiFunction")) {
            assertThat(values.resolve(environment(function).get("ALLOWED_ORIGIN"))).as(function).isEqualTo(PAGE_ORIGIN);
        }
        assertThat(environment("AdminApiFunction")).as("admin keys are never used from the page")
                .doesNotContainKey("ALLOWED_ORIGIN");
        for (String response : template.resourcesOfType("AWS::ApiGateway::GatewayResponse")) {
            List<String> named = new ArrayList<>();
            collectAllowOrigins(template.properties(response), named);
            assertThat(named).as("%s lets the page read API Gateway's own errors", response).isNotEmpty();
        }
    }

    @Test
    void preflights_whenThePageCallsARoute_existOnItsResource() throws IOException {
        Set<String> called = new TreeSet<>();
        Matcher matcher = PAGE_API_CALL.matcher(Files.readString(PAGE));
        while (matcher.find()) {
            called.add("/tenants/{tenantId}" + matcher.group(1) + (matcher.group(2).isEmpty() ? "" : "/{}"));
        }
        assertThat(called).as("routes the page calls").contains("/tenants/{tenantId}/images",
                "/tenants/{tenantId}/images/{}", "/tenants/{tenantId}/subscriptions/{}", "/tenants/{tenantId}/exports");

        Set<String> preflighted = new TreeSet<>();
        for (String method : template.resourcesOfType("AWS::ApiGateway::Method")) {
            Map<String, Object> properties = template.properties(method);
            if ("OPTIONS".equals(properties.get("HttpMethod"))) {
                preflighted.add(template.apiPath(String.valueOf(StackFunctions.map(properties.get("ResourceId")).get("Ref")))
                        .replaceAll("/\\{[A-Za-z]+}$", "/{}"));
            }
        }
        assertThat(preflighted).as("resources with an OPTIONS method").containsAll(called);
    }

    @Test
    void apiDeployment_always_dependsOnEveryMethodAndGatewayResponse() {
        List<String> deployments = template.resourcesOfType("AWS::ApiGateway::Deployment");
        assertThat(deployments).hasSize(1);
        Object dependsOn = template.resource(deployments.get(0)).get("DependsOn");
        Set<String> needed = new TreeSet<>(template.resourcesOfType("AWS::ApiGateway::Method"));
        needed.addAll(template.resourcesOfType("AWS::ApiGateway::GatewayResponse"));
        List<String> waitedFor = StackFunctions.list(dependsOn).stream().map(String::valueOf).toList();
        assertThat(waitedFor).as("a method or gateway response the deployment does not wait "
                + "for may be left out of the deployed stage").containsAll(needed);
    }

    @Test
    void uploadBucket_whenThePageIsServed_letsOnlyItsOriginPutPresignedUploadsWithTheSignedHeaders() {
        List<?> choice = YamlValues.list(YamlValues.map(template.properties("UploadBucket").get("CorsConfiguration"))
                .get("Fn::If"));
        assertThat(choice.get(0)).as("CORS only where the page is served").isEqualTo("ServesPage");
        assertThat(choice.get(2)).as("local mode's edge answers the page itself").isEqualTo(Map.of("Ref", "AWS::NoValue"));
        List<?> rules = YamlValues.list(YamlValues.map(choice.get(1)).get("CorsRules"));
        assertThat(rules).hasSize(1);
        Map<String, Object> rule = YamlValues.map(rules.get(0));
        assertThat(YamlValues.list(rule.get("AllowedOrigins")).stream().map(values::resolve)).containsExactly(PAGE_ORIGIN);
        assertThat(YamlValues.list(rule.get("AllowedMethods"))).as("uploads only").isEqualTo(List.of("PUT"));
        // what S3UploadUrlSigner signs besides Host and Content-Length, which the browser sets itself
        assertThat(Set.copyOf(YamlValues.list(rule.get("AllowedHeaders"))))
                .isEqualTo(Set.of("content-type", "if-none-match", "x-amz-meta-*"));
    }

    @Test
    void pageResources_whenStageIsLocal_areLeftToLocalMode() {
        assertThat(values.condition("ServesPage")).isTrue();
        assertThat(values("local").condition("ServesPage")).as("local mode serves the page itself").isFalse();
        for (String id : List.of("PageBucket", "PageOriginAccessControl", "PageDistribution", "PageBucketPolicy")) {
            assertThat(template.resource(id).get("Condition")).as(id).isEqualTo("ServesPage");
        }
        assertThat(values("local").resolve(environment("TenantApiFunction").get("ALLOWED_ORIGIN"))).isNull();
        assertThat(template.outputs()).containsKeys("PageUrl", "PageBucketName");
        assertThat(values.resolve(StackFunctions.map(template.outputs().get("PageUrl")).get("Value")))
                .isEqualTo(PAGE_ORIGIN + "/");
    }

    @Test
    void page_always_hasTheApiTagAndConnectSourceDeployShWritesInto() throws IOException {
        String page = Files.readString(PAGE);

        assertThat(count(page, "<meta name=\"emotion-analyser-api\" content=\"\">")).isEqualTo(1);
        assertThat(count(page, "connect-src 'self';")).isEqualTo(1);
        assertThat(page).as("no run-time dependency on another site").doesNotContain("<script src", "<link rel=\"stylesheet\"");
    }

    private Map<String, Object> environment(String function) {
        return StackFunctions.map(StackFunctions.map(template.properties(function).get("Environment")).get("Variables"));
    }

    /** Every value set for a key ending in {@code Access-Control-Allow-Origin}, evaluated for the example stage. */
    private void collectAllowOrigins(Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                // (A method response's "true" only declares the header; its integration response sets it.)
                if (String.valueOf(key).endsWith("header.Access-Control-Allow-Origin") && !(value instanceof Boolean)) {
                    found.add(values.resolve(value));
                } else {
                    collectAllowOrigins(value, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectAllowOrigins(item, found));
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
