package org.emotionanalyser.infra;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The module's shipped code is the one CloudFormation YAML reader, which local mode provisions the stack with and
 * these tests validate the template with. It stays a leaf: the JDK and SnakeYAML only, so local/runtime does not
 * pull in the functions, the SDK or Jackson through it.
 */
class InfraArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.emotionanalyser.infra");

    @Test
    void mainCode_whenImported_dependsOnlyOnTheJdkAndSnakeYaml() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.yaml.snakeyaml..", "org.emotionanalyser.infra..")
                .because("local/runtime depends on this reader and must not inherit other modules through it")
                .check(MAIN);
    }

    @Test
    void mainCode_whenImported_isOnlyTheYamlReader() {
        classes().should().resideInAPackage("org.emotionanalyser.infra.yaml..")
                .because("template checks belong in the tests; the shipped jar is the reader alone")
                .check(MAIN);
    }
}
