package org.emotionanalyser.router.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The hexagonal split every module follows, as ArchUnit rules other modules call from their own tests:
 * {@code domain} and {@code port} know nothing of the AWS SDK or Lambda, and nothing but handlers and wiring
 * depends on handlers.
 */
public final class HexagonalRules {

    private HexagonalRules() {
    }

    /** Imports the production classes under {@code basePackage}. */
    public static JavaClasses importModule(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Checks every rule; throws AssertionError naming each violation. */
    public static void check(String basePackage) {
        JavaClasses classes = importModule(basePackage);
        noClasses().that().resideInAnyPackage(basePackage + ".domain..", basePackage + ".port..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon.awssdk..", "com.amazonaws..", "com.fasterxml.jackson..")
                .because("domain code is plain Java: SDK, Lambda and JSON types belong in adapters and handlers")
                .check(classes);
        noClasses().that().resideInAnyPackage(basePackage + ".domain..", basePackage + ".port..",
                        basePackage + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".handler..")
                .because("handlers are the outermost layer")
                .check(classes);
        noClasses().that().resideInAPackage(basePackage + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".adapter..")
                .because("the domain reaches AWS only through ports")
                .check(classes);
    }
}
