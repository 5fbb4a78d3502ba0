package org.emotionanalyser.local.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChromiumCheckTest {

    @TempDir
    Path dir;

    @Test
    void decide_whenBrowserMissingOutsideCi_skips() {
        assertThat(ChromiumCheck.decide(dir.resolve("chromium"), Map.of())).isEqualTo(ChromiumCheck.Outcome.SKIP);
    }

    @Test
    void decide_whenBrowserMissingInCi_fails() {
        assertThat(ChromiumCheck.decide(dir.resolve("chromium"), Map.of("CI", "true")))
                .isEqualTo(ChromiumCheck.Outcome.FAIL);
    }

    @Test
    void decide_whenBrowserIsExecutable_runsInAndOutsideCi() throws Exception {
        Path chromium = Files.createFile(dir.resolve("chromium"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        assertThat(ChromiumCheck.decide(chromium, Map.of())).isEqualTo(ChromiumCheck.Outcome.RUN);
        assertThat(ChromiumCheck.decide(chromium, Map.of("CI", "true"))).isEqualTo(ChromiumCheck.Outcome.RUN);
    }

    @Test
    void missingMessage_always_saysHowToInstallTheBrowser() {
        assertThat(ChromiumCheck.missingMessage(dir.resolve("chromium")))
                .contains("apt-get install chromium").contains("-Dchromium.path");
    }
}
