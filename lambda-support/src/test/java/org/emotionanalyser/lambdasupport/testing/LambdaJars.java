package org.emotionanalyser.lambdasupport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on a module's shaded Lambda jar ({@code target/<artifact>-<version>-lambda.jar}), for the integration
 * tests of the modules that ship one: the jar is built in {@code package}, before failsafe runs.
 */
public final class LambdaJars {

    private static final String SYNC_HTTP_SERVICES = "META-INF/services/software.amazon.awssdk.http.SdkHttpService";
    private static final String ASYNC_HTTP_SERVICES =
            "META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService";
    private static final String URL_CONNECTION =
            "software.amazon.awssdk.http.urlconnection.UrlConnectionSdkHttpService";
    /** Class packages of the SDK's other HTTP clients and the libraries they bring. */
    private static final List<String> OTHER_HTTP_CLIENTS = List.of("software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/",
            "software/amazon/awssdk/http/crt/", "org/apache/http/", "org/apache/hc/", "io/netty/");

    private LambdaJars() {
    }

    /**
     * Asserts that the module's Lambda jar holds one HTTP client, the URL-connection one every function's clients
     * are built with, and none of the SDK's other clients (dead weight on every cold start's class path).
     *
     * @param target the module's build directory
     */
    public static void assertOnlyUrlConnectionHttpClient(Path target) {
        Path jar = find(target);
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(text(file, SYNC_HTTP_SERVICES)).as("HTTP clients the SDK can discover in %s", jar)
                    .containsExactly(URL_CONNECTION);
            assertThat(file.getEntry(ASYNC_HTTP_SERVICES)).as("an async HTTP client in %s", jar).isNull();
            assertThat(file.stream().map(ZipEntry::getName)
                    .filter(name -> OTHER_HTTP_CLIENTS.stream().anyMatch(name::startsWith)).limit(5).toList())
                    .as("classes of other HTTP clients in %s", jar).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find(Path target) {
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-lambda.jar in " + target.toAbsolutePath()
                            + "; the shade plugin builds it in the package phase (mvn verify)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The non-comment lines of a service file. */
    private static List<String> text(JarFile file, String name) throws IOException {
        ZipEntry entry = file.getEntry(name);
        if (entry == null) {
            return List.of();
        }
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }
}
