package org.emotionanalyser.local.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMainTest {

    @Test
    void options_whenFlagsInBothForms_expectThemApplied() {
        Map<String, String> flags = LocalMain.parse(new String[]{"--data-dir=/tmp/ea", "--port", "9090",
                "--edge-port=4577", "--analyzer=rekognition", "--known-faces", "/tmp/faces",
                "--template=stack.yaml"});

        LocalRuntimeOptions options = LocalMain.options(flags);

        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/ea"));
        assertThat(options.apiPort()).isEqualTo(9090);
        assertThat(options.edgePort()).isEqualTo(4577);
        assertThat(options.analyzer()).isEqualTo(LocalRuntimeOptions.Analyzer.REKOGNITION);
        assertThat(options.knownFacesDir()).isEqualTo(Path.of("/tmp/faces"));
        assertThat(options.template()).isEqualTo(Path.of("stack.yaml"));
    }

    @Test
    void options_whenNoFlags_expectDocumentedDefaults() {
        LocalRuntimeOptions options = LocalMain.options(Map.of("template", "t.yaml"));

        assertThat(options.dataDir()).isEqualTo(Path.of("local-data").toAbsolutePath());
        assertThat(options.apiPort()).isEqualTo(8080);
        assertThat(options.edgePort()).isEqualTo(4566);
        assertThat(options.analyzer()).isEqualTo(LocalRuntimeOptions.Analyzer.LOCAL);
        assertThat(options.knownFacesDir()).isEqualTo(Path.of("local-data", "known-faces").toAbsolutePath());
    }

    @Test
    void parse_whenUnknownOptionOrBadValue_expectMessageNamingIt() {
        assertThatThrownBy(() -> LocalMain.parse(new String[]{"--colour=blue"})).hasMessageContaining("--colour");
        assertThatThrownBy(() -> LocalMain.options(Map.of("port", "http", "template", "t.yaml")))
                .hasMessageContaining("--port");
        assertThatThrownBy(() -> LocalMain.options(Map.of("analyzer", "magic", "template", "t.yaml")))
                .hasMessageContaining("local or rekognition");
    }

    @Test
    void codeCacheAdvice_whenTheJvmReservesTheC1OnlyDefault_warnsWithTheFlagThatFixesIt() {
        assertThat(LocalMain.codeCacheAdvice(48L * 1024 * 1024)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("48 MB").contains("-XX:ReservedCodeCacheSize=240m"));
    }

    @Test
    void codeCacheAdvice_whenTheCacheIsLargeEnough_saysNothing() {
        assertThat(LocalMain.codeCacheAdvice(240L * 1024 * 1024)).isEmpty();
    }

    @Test
    void codeCacheBytes_whenRead_isThisJvmsReservedCodeCacheSize() {
        long reserved = Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("ReservedCodeCacheSize").getValue());

        assertThat(LocalMain.codeCacheBytes()).isEqualTo(reserved);
    }
}
