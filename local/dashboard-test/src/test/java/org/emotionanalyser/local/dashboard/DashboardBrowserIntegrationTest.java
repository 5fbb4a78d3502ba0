package org.emotionanalyser.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.runtime.LocalRuntime;
import org.emotionanalyser.local.runtime.LocalRuntimeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mood monitor page in headless Chromium, driven by Playwright ({@code src/test/js/dashboard.spec.cjs}) against
 * local mode started in this JVM, for a tenant created for the run. The script fails on any step, page error or
 * console error; its screenshots land in {@code target/dashboard-screenshots/}.
 *
 * <p>Without Chromium the tests are skipped with a message saying how to install it, except in CI ({@code CI=true}),
 * where a missing browser fails them.
 */
class DashboardBrowserIntegrationTest {

    /** group-of-three.jpg: three people, faces clearly visible (postman/images/README.md). */
    private static final int FACES_IN_GROUP_PHOTO = 3;
    /**
     * Enrolled in the local analyser's gallery from the group photo itself (the gallery embeds a photo's largest
     * face), so one face of the upload is recognised and the detail shows a name and match confidence.
     */
    private static final String KNOWN_PERSON = "Known Guest";
    /**
     * More photos than the tenant's usage plan lets through at once (the template's defaults: 10 requests/s, bursts
     * of 20), dropped on the page together.
     */
    private static final int PHOTOS_DROPPED_AT_ONCE = 30;
    /** The upload function's default MAX_DIRECT_UPLOAD_BYTES: larger photos need a presigned upload. */
    private static final long DIRECT_UPLOAD_MAX_BYTES = 4_500_000;
    /** Below the reader's 80 px minimum: rejected TOO_SMALL, with advice. */
    private static final int TOO_SMALL_SIDE = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static Path screenshots;
    private static Path tooSmallPhoto;
    private static Path largePhoto;

    @BeforeAll
    static void startLocalMode() throws IOException {
        ChromiumCheck.requireBrowser(path("chromium.path"));
        screenshots = Files.createDirectories(path("screenshots.dir"));
        Path knownPerson = Files.createDirectories(dataDir.resolve("known-faces").resolve(KNOWN_PERSON));
        Files.copy(path("group.photo"), knownPerson.resolve("guest.jpg"));
        tooSmallPhoto = dataDir.resolve("too-small.png");
        ImageIO.write(new BufferedImage(TOO_SMALL_SIDE, TOO_SMALL_SIDE, BufferedImage.TYPE_INT_RGB), "png",
                tooSmallPhoto.toFile());
        largePhoto = largeGroupPhoto(dataDir.resolve("large-group.jpg"));
        LocalRuntimeOptions options = new LocalRuntimeOptions(dataDir, 0, 0, LocalRuntimeOptions.Analyzer.LOCAL,
                dataDir.resolve("known-faces"), path("template.path"),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), false);
        runtime = LocalRuntime.start(options);
        assertThat(runtime.analyserAvailable())
                .as("the local analyser must be mounted, or no photo is ever analysed; see the log above")
                .isTrue();
    }

    @AfterAll
    static void stopLocalMode() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void page_whenOrganiserWorksThroughIt_showsEachStepWithoutPageErrors() throws Exception {
        String key = createTenant();

        int exitCode = script("organiser", key, Map.of(
                "PHOTO", path("group.photo").toString(),
                "EXPECTED_FACES", Integer.toString(FACES_IN_GROUP_PHOTO),
                "KNOWN_PERSON", KNOWN_PERSON,
                "TOO_SMALL_PHOTO", tooSmallPhoto.toString())).run();

        assertThat(exitCode).as("the Playwright script's exit code: the failed step is in its output above").isZero();
        assertThat(screenshots.resolve("organiser-03-detail.png")).isNotEmptyFile();
    }

    @Test
    void page_whenMorePhotosAreDroppedThanTheTenantsRateAllows_uploadsAndAnalysesEveryOneWithoutBeingThrottled()
            throws Exception {
        String key = createTenant();
        Path folder = Files.createDirectories(dataDir.resolve("dropped-photos"));
        List<String> photos = new ArrayList<>();
        for (int i = 1; i <= PHOTOS_DROPPED_AT_ONCE; i++) {
            photos.add(Files.copy(path("group.photo"), folder.resolve(String.format("guest-%02d.jpg", i))).toString());
        }

        int exitCode = script("many-photos", key, Map.of("PHOTOS", String.join(File.pathSeparator, photos))).run();

        assertThat(exitCode).as("the Playwright script's exit code: the failed step is in its output above").isZero();
    }

    @Test
    void page_whenAPhotoIsOverTheDirectUploadLimit_uploadsItThroughAPresignedUrlAndShowsItsAnalysis() throws Exception {
        assertThat(Files.size(largePhoto)).as("the test photo is over the direct upload limit")
                .isGreaterThan(DIRECT_UPLOAD_MAX_BYTES);
        String key = createTenant();

        int exitCode = script("large-photo", key, Map.of(
                "PHOTO", largePhoto.toString(),
                "EXPECTED_FACES", Integer.toString(FACES_IN_GROUP_PHOTO))).run();

        assertThat(exitCode).as("the Playwright script's exit code: the failed step is in its output above").isZero();
    }

    @Test
    void page_whenKeyIsWrong_showsTheApis401MessageAndNoData() throws Exception {
        String key = createTenant();
        String wrongKey = key.substring(0, key.indexOf('.') + 1) + "not-the-secret";
        String message = unauthorizedMessage(wrongKey);

        int exitCode = script("wrong-key", wrongKey, Map.of("EXPECTED_MESSAGE", message)).run();

        assertThat(exitCode).as("the Playwright script's exit code: the failed step is in its output above").isZero();
    }

    private static PlaywrightScript script(String scenario, String key, Map<String, String> more) {
        Map<String, String> environment = new HashMap<>(more);
        environment.put("SCENARIO", scenario);
        environment.put("DASHBOARD_URL", runtime.apiEndpoint().resolve("/").toString());
        environment.put("TENANT_KEY", key);
        environment.put("CHROMIUM", path("chromium.path").toString());
        environment.put("SCREENSHOTS_DIR", screenshots.toString());
        return new PlaywrightScript(path("dashboard.script"), path("playwright.modules"), environment,
                Duration.ofMinutes(6));
    }

    /** A new tenant through the admin API, as an administrator would create it; returns its key. */
    private static String createTenant() throws Exception {
        String tenantId = "page-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(runtime.apiEndpoint().resolve("/tenants"))
                .header("Authorization", "Bearer " + runtime.adminKey())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("tenantId", tenantId, "name", "Browser test " + tenantId))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /tenants: %s", response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("apiKey").asText();
    }

    /** What the API itself answers a refused key, which the page must show. */
    private static String unauthorizedMessage(String key) throws Exception {
        String tenantId = key.substring(0, key.indexOf('.'));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        runtime.apiEndpoint().resolve("/tenants/" + tenantId + "/images"))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("a wrong key is refused: %s", response.body()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body()).path("error");
        String message = error.path("message").asText(JSON.readTree(response.body()).path("message").asText());
        assertThat(message).as("the 401 body's message").isNotBlank();
        return message;
    }

    /**
     * The group photo as a phone would take it: 5000 pixels wide, with a little sensor-like noise so that the JPEG is
     * as large as a real photo of that size (about 5.5 MB; an enlarged photo alone compresses far smaller).
     */
    private static Path largeGroupPhoto(Path target) throws IOException {
        BufferedImage source = ImageIO.read(path("group.photo").toFile());
        int width = 5000;
        int height = source.getHeight() * width / source.getWidth();
        BufferedImage large = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = large.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        graphics.drawImage(source, 0, 0, width, height, null);
        graphics.dispose();
        Random noise = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = large.getRGB(x, y);
                int n = noise.nextInt(13) - 6;
                large.setRGB(x, y, channel(rgb >> 16, n) << 16 | channel(rgb >> 8, n) << 8 | channel(rgb, n));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam quality = writer.getDefaultWriteParam();
        quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        quality.setCompressionQuality(0.95f);
        try (OutputStream file = Files.newOutputStream(target);
             ImageOutputStream out = ImageIO.createImageOutputStream(file)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(large, null, null), quality);
        } finally {
            writer.dispose();
        }
        return target;
    }

    private static int channel(int value, int change) {
        return Math.min(255, Math.max(0, (value & 0xff) + change));
    }

    /** A path the build passes in (see this module's pom). */
    private static Path path(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property %s (set by the failsafe configuration)", property).isNotBlank();
        return Path.of(value);
    }
}
