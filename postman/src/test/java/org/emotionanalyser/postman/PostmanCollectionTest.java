package org.emotionanalyser.postman;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the collection file itself, without a server: that it reaches every route of the API, that every request
 * asserts something, and that the files and environments it relies on are there.
 */
class PostmanCollectionTest {

    /** Every route of the API, as in docs/conventions.md: method and resource with its path parameters. */
    private static final List<String> ROUTES = List.of(
            "POST /tenants",
            "GET /tenants",
            "GET /tenants/{tenantId}",
            "PATCH /tenants/{tenantId}",
            "DELETE /tenants/{tenantId}",
            "POST /tenants/{tenantId}/keys",
            "PUT /tenants/{tenantId}/images/{image}",
            "POST /tenants/{tenantId}/images",
            "POST /tenants/{tenantId}/uploads",
            "GET /tenants/{tenantId}/images",
            "GET /tenants/{tenantId}/images/{image}",
            "DELETE /tenants/{tenantId}/images/{image}",
            "GET /tenants/{tenantId}/emotions/{emotion}",
            "GET /tenants/{tenantId}/stats",
            "POST /tenants/{tenantId}/subscriptions",
            "GET /tenants/{tenantId}/subscriptions",
            "DELETE /tenants/{tenantId}/subscriptions/{subscriptionId}",
            "POST /tenants/{tenantId}/exports",
            "GET /tenants/{tenantId}/exports");

    private static final long MAX_SAMPLE_IMAGE_BYTES = 200 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void collection_whenParsed_reachesEveryRouteOfTheApi() throws IOException {
        List<JsonNode> requests = requests(collection());

        List<String> missing = ROUTES.stream()
                .filter(route -> requests.stream().noneMatch(request -> matches(route, request)))
                .toList();

        assertThat(missing).as("routes no request of the collection calls").isEmpty();
    }

    @Test
    void collection_whenParsed_everyRequestAssertsItsStatus() throws IOException {
        List<String> unchecked = requests(collection()).stream()
                .filter(request -> !testScript(request).contains("pm.response.to.have.status(")
                        && !testScript(request).contains("pm.response.code"))
                .map(request -> request.path("name").asText())
                .toList();

        assertThat(unchecked).as("requests whose tests do not check the status").isEmpty();
    }

    @Test
    void collection_whenParsed_requestNamesAreUnique() throws IOException {
        // The polling request loops with setNextRequest(name), which jumps to the first request of that name.
        List<String> names = requests(collection()).stream().map(request -> request.path("name").asText()).toList();

        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void collection_whenItUploadsFiles_theFilesAreSmallImagesNextToIt() throws IOException {
        List<JsonNode> fileBodies = requests(collection()).stream()
                .map(request -> request.path("request").path("body"))
                .filter(body -> "file".equals(body.path("mode").asText()))
                .toList();

        assertThat(fileBodies).isNotEmpty();
        for (JsonNode body : fileBodies) {
            Path file = Path.of(body.path("file").path("src").asText());
            assertThat(file).as("file body %s", file).isRegularFile();
            assertThat(Files.size(file)).as("size of %s", file).isLessThan(MAX_SAMPLE_IMAGE_BYTES);
        }
    }

    @Test
    void collection_whenUploadingBase64_sendsTheSampleImage() throws IOException {
        String base64 = StreamSupport.stream(collection().path("variable").spliterator(), false)
                .filter(variable -> "sampleImageBase64".equals(variable.path("key").asText()))
                .map(variable -> variable.path("value").asText())
                .findFirst()
                .orElseThrow();

        assertThat(Base64.getDecoder().decode(base64)).isEqualTo(Files.readAllBytes(Path.of("images/sun-96.png")));
    }

    @Test
    void environments_whenParsed_defineTheVariablesTheCollectionNeeds() throws IOException {
        for (String file : List.of("local.postman_environment.json", "aws.postman_environment.json")) {
            JsonNode environment = mapper.readTree(Path.of(file).toFile());
            Set<String> keys = new HashSet<>();
            environment.path("values").forEach(value -> keys.add(value.path("key").asText()));

            assertThat(keys).as(file).contains("baseUrl", "adminKey", "tenantId", "notificationQueueArn");
        }
    }

    private JsonNode collection() throws IOException {
        return mapper.readTree(Path.of("emotion-analyser.postman_collection.json").toFile());
    }

    /** Every request item, depth first, in run order. */
    private static List<JsonNode> requests(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : node.path("item")) {
            if (item.has("request")) {
                found.add(item);
            } else {
                found.addAll(requests(item));
            }
        }
        return found;
    }

    private static String testScript(JsonNode request) {
        StringBuilder script = new StringBuilder();
        for (JsonNode event : request.path("event")) {
            if ("test".equals(event.path("listen").asText())) {
                event.path("script").path("exec").forEach(line -> script.append(line.asText()).append('\n'));
            }
        }
        return script.toString();
    }

    /** True when the request calls the route: same method, and the same literal path segments around parameters. */
    private static boolean matches(String route, JsonNode request) {
        String[] methodAndResource = route.split(" ");
        JsonNode url = request.path("request").path("url");
        if (!methodAndResource[0].equals(request.path("request").path("method").asText())
                || !"{{baseUrl}}".equals(url.path("host").path(0).asText())) {
            return false;
        }
        String[] routeSegments = methodAndResource[1].substring(1).split("/");
        JsonNode pathSegments = url.path("path");
        if (routeSegments.length != pathSegments.size()) {
            return false;
        }
        for (int i = 0; i < routeSegments.length; i++) {
            boolean parameter = routeSegments[i].startsWith("{");
            if (!parameter && !routeSegments[i].equals(pathSegments.get(i).asText())) {
                return false;
            }
        }
        return true;
    }
}
