package org.emotionanalyser.local.dashboard;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether the browser test can run: on a developer's machine without Chromium it is skipped with a message saying
 * how to install it; in CI ({@code CI=true}, as CI services set it) a missing browser is a failure, so the test can
 * never be skipped there unnoticed.
 */
final class ChromiumCheck {

    /** What to do about the browser. */
    enum Outcome { RUN, SKIP, FAIL }

    private ChromiumCheck() {
    }

    static Outcome decide(Path chromium, Map<String, String> environment) {
        if (Files.isRegularFile(chromium) && Files.isExecutable(chromium)) {
            return Outcome.RUN;
        }
        return "true".equalsIgnoreCase(environment.getOrDefault("CI", "")) ? Outcome.FAIL : Outcome.SKIP;
    }

    static String missingMessage(Path chromium) {
        return "Chromium is not installed at " + chromium + ", so the browser test of the page cannot run. Install "
                + "Debian's chromium package (apt-get install chromium; .ci/run does it in CI) or point the build at "
                + "another Chromium with -Dchromium.path=<path>.";
    }

    /** Returns when the browser is there; otherwise skips the calling test (JUnit assumption) or fails it in CI. */
    static void requireBrowser(Path chromium) {
        switch (decide(chromium, System.getenv())) {
            case RUN -> {
            }
            case SKIP -> Assumptions.abort(missingMessage(chromium) + " Skipped (outside CI).");
            case FAIL -> throw new AssertionError(missingMessage(chromium) + " CI=true: the browser test must run in CI.");
        }
    }
}
