package org.emotionanalyser.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules every module's architecture test applies, run on the fixture modules in {@code fixture}: they pass a
 * module that follows them and fail, naming the offending class, on each mistake they exist to catch.
 */
class HexagonalRulesTest {

    private static final String FIXTURE = "org.emotionanalyser.architecture.fixture.";

    /** The fixture module's classes (they live in the test tree, which {@link HexagonalRules#importModule} skips). */
    private static JavaClasses fixture(String module) {
        return new ClassFileImporter().importPackages(FIXTURE + module);
    }

    @Test
    void check_whenModuleFollowsTheRules_passes() {
        assertThatCode(() -> HexagonalRules.check(fixture("clean"), FIXTURE + "clean")).doesNotThrowAnyException();
    }

    @Test
    void check_whenDomainUsesALibraryNotAllowed_failsNamingTheClass() {
        assertThatThrownBy(() -> HexagonalRules.check(fixture("sdkindomain"), FIXTURE + "sdkindomain"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ImageDecider")
                .hasMessageContaining("javax.imageio.ImageIO");
    }

    @Test
    void check_whenTheModuleAllowsThatLibrary_passes() {
        assertThatCode(() -> HexagonalRules.check(fixture("sdkindomain"), FIXTURE + "sdkindomain", "javax.imageio.."))
                .doesNotThrowAnyException();
    }

    @Test
    void check_whenAdapterUsesAHandler_failsNamingTheClass() {
        assertThatThrownBy(() -> HexagonalRules.check(fixture("adapteruseshandler"), FIXTURE + "adapteruseshandler"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("UploadStore")
                .hasMessageContaining("handlers are the outermost layer");
    }

    @Test
    void check_whenModuleUsesAnotherProjectModule_failsNamingTheClass() {
        assertThatThrownBy(() -> HexagonalRules.check(fixture("crossmodule"), FIXTURE + "crossmodule"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesAcross")
                .hasMessageContaining("OtherModuleType");
    }

    @Test
    void checkPlumbing_whenModuleUsesAnotherProjectModule_failsNamingTheClass() {
        assertThatThrownBy(() -> HexagonalRules.checkPlumbing(fixture("crossmodule"), FIXTURE + "crossmodule"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachesAcross");
    }
}
