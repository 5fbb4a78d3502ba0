package org.emotionanalyser.local.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the Playwright script with the {@code node} on the PATH, {@code playwright-core} resolved from the
 * build's npm install through {@code NODE_PATH}. Its output goes to {@code <SCREENSHOTS_DIR>/<SCENARIO>.log} and is
 * printed into the build log when it ends.
 *
 * @param script      the CommonJS script
 * @param modules     the {@code node_modules} folder holding {@code playwright-core}
 * @param environment the script's inputs (see the script's header)
 * @param timeout     the run's budget; the script and its browser are stopped when it is exceeded
 */
record PlaywrightScript(Path script, Path modules, Map<String, String> environment, Duration timeout) {

    PlaywrightScript {
        environment = Map.copyOf(environment);
    }

    /** Runs the script to the end and returns its exit code (0: every step passed, nothing logged an error). */
    int run() {
        if (!Files.isDirectory(modules.resolve("playwright-core"))) {
            throw new IllegalStateException("playwright-core is not installed in " + modules
                    + "; run the build without -o once so this module can install it with npm");
        }
        Path log = Path.of(environment.get("SCREENSHOTS_DIR")).resolve(environment.get("SCENARIO") + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString()))
                .directory(script.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("NODE_PATH", modules.toString());
        try {
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            System.out.println(Files.readString(log, StandardCharsets.UTF_8));
            if (!finished) {
                throw new IllegalStateException("the Playwright script did not finish within " + timeout
                        + "; its output above ends at the step it was stuck on");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the Playwright script with 'node' (is Node.js on the "
                    + "PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Playwright script was running", e);
        }
    }
}
