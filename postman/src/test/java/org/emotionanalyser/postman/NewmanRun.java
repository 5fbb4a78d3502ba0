package org.emotionanalyser.postman;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One {@code newman run} of the collection in a child process, with its output streamed line by line into this
 * JVM's output (so it shows in the build log as it happens) and a JUnit report written next to the other reports.
 *
 * @param newmanScript   {@code newman/bin/newman.js} of the installed package; run with the {@code node} on the PATH
 * @param postmanDir     the folder holding the collection, the environments and {@code images/}
 * @param environment    file name of the environment inside {@code postmanDir}
 * @param variables      environment variables overriding the file's values (e.g. {@code baseUrl}, {@code adminKey})
 * @param reportsDir     where the JUnit report {@code newman.xml} goes
 * @param timeout        the whole run's budget; newman is stopped when it is exceeded
 */
record NewmanRun(Path newmanScript, Path postmanDir, String environment, Map<String, String> variables,
                 Path reportsDir, Duration timeout) {

    static final String COLLECTION = "emotion-analyser.postman_collection.json";

    NewmanRun {
        Objects.requireNonNull(newmanScript, "newmanScript");
        Objects.requireNonNull(postmanDir, "postmanDir");
        Objects.requireNonNull(environment, "environment");
        variables = Map.copyOf(new LinkedHashMap<>(variables));
        Objects.requireNonNull(reportsDir, "reportsDir");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The command line; variables are arguments, which is fine for the throwaway admin key of a local run. */
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                "node", newmanScript.toString(), "run", postmanDir.resolve(COLLECTION).toString(),
                "--environment", postmanDir.resolve(environment).toString(),
                "--working-dir", postmanDir.toString(),
                "--reporters", "cli,junit",
                "--reporter-junit-export", reportsDir.resolve("newman.xml").toString(),
                "--color", "off",
                "--disable-unicode",
                // Per request: generous for the first upload while the analyser warms up, small next to the run's budget.
                "--timeout-request", "30000"));
        variables.forEach((name, value) -> {
            command.add("--env-var");
            command.add(name + "=" + value);
        });
        return command;
    }

    /**
     * Runs newman to the end.
     *
     * @return newman's exit code: 0 when every request ran and every assertion passed
     * @throws IllegalStateException when newman is not installed or does not finish within the timeout
     */
    int run() {
        if (!Files.isRegularFile(newmanScript)) {
            throw new IllegalStateException("newman is not installed at " + newmanScript
                    + "; run the build without -o once so the postman module can install it with npm");
        }
        try {
            Files.createDirectories(reportsDir);
            Process process = new ProcessBuilder(command())
                    .directory(postmanDir.toFile())
                    .redirectErrorStream(true)
                    .start();
            Thread pump = new Thread(() -> copyLines(process), "newman-output");
            pump.setDaemon(true);
            pump.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("newman did not finish within " + timeout
                        + "; see its output above for the request it was stuck on");
            }
            pump.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start newman with 'node' (is Node.js on the PATH?): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while newman was running", e);
        }
    }

    private static void copyLines(Process process) {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // Printed through System.out rather than inherited: the test runner owns the JVM's own stdout stream.
            output.lines().forEach(line -> System.out.println("[newman] " + line));
        } catch (IOException e) {
            System.out.println("[newman] output stopped: " + e.getMessage());
        }
    }
}
