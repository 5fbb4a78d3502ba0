package org.emotionanalyser.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The dependency rules of every Java module, as ArchUnit rules each module calls from its own test. This class is
 * the main code of its own module ({@code architecture-rules}), which depends on no project module, so every module
 * (router and lambda-support included) takes it as a test-scope dependency; it knows the others by package name.
 * {@code HexagonalRulesTest} shows each rule failing on a module that breaks it.
 *
 * <p>Like buckpal's {@code DependencyRuleTests}, the domain rule lists what the domain <em>may</em> use, so a new
 * kind of dependency fails until it is allowed here on purpose: {@code java..}, SLF4J (domain services log what
 * they decide), the module's own {@code domain} and {@code port}, and router's domain and port (the event contract
 * and the publisher port). Across
 * modules: a module depends only on itself, router and lambda-support, so ingest and tenants never depend on each
 * other and nothing depends on {@code local/*} or the infrastructure checks.
 */
public final class HexagonalRules {

    /** The root package of every module. */
    public static final String PROJECT = "org.emotionanalyser";
    /** The event contract every domain may use: its records and rules, and the port events are published through. */
    public static final String ROUTER_DOMAIN = PROJECT + ".router.domain..";
    public static final String ROUTER_PORT = PROJECT + ".router.port..";
    /** The Lambda plumbing module. */
    public static final String LAMBDA_SUPPORT = PROJECT + ".lambdasupport..";

    private HexagonalRules() {
    }

    /** Imports the production classes under {@code basePackage}. */
    public static JavaClasses importModule(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /**
     * Checks a module with the hexagonal split ({@code domain}, {@code port}, {@code adapter}, {@code handler});
     * throws AssertionError naming each violation.
     *
     * @param domainMayAlsoUse packages this module's domain may use beyond the common list, each a decision worth
     *                         naming (e.g. {@code javax.imageio..} for a domain that decodes images)
     */
    public static void check(String basePackage, String... domainMayAlsoUse) {
        check(importModule(basePackage), basePackage, domainMayAlsoUse);
    }

    /** {@link #check(String, String...)} on classes already imported (the rules' own tests import fixtures). */
    public static void check(JavaClasses classes, String basePackage, String... domainMayAlsoUse) {
        List<String> domainMayUse = new ArrayList<>(List.of("java..", "org.slf4j..",
                basePackage + ".domain..", basePackage + ".port..", ROUTER_DOMAIN, ROUTER_PORT));
        domainMayUse.addAll(List.of(domainMayAlsoUse));
        classes().that().resideInAnyPackage(basePackage + ".domain..", basePackage + ".port..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(domainMayUse.toArray(String[]::new))
                .because("domain code is plain Java: SDK, Lambda, JSON and HTTP types belong in adapters and "
                        + "handlers, and the domain reaches AWS only through its ports")
                .check(classes);
        noClasses().that().resideInAnyPackage(basePackage + ".domain..", basePackage + ".port..",
                        basePackage + ".adapter..")
                .should().dependOnClassesThat().resideInAPackage(basePackage + ".handler..")
                .because("handlers are the outermost layer")
                .check(classes);
        checkModuleBoundaries(basePackage, classes);
    }

    /**
     * Checks the plumbing module (no hexagon of its own): it may use router's contract and JSON, never router's
     * adapters, and no other module.
     */
    public static void checkPlumbing(String basePackage) {
        checkPlumbing(importModule(basePackage), basePackage);
    }

    /** {@link #checkPlumbing(String)} on classes already imported. */
    public static void checkPlumbing(JavaClasses classes, String basePackage) {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(PROJECT + ".router.adapter..",
                        PROJECT + ".router.port..")
                .because("the plumbing builds clients and reads requests; publishing events is the router's")
                .check(classes);
        checkModuleBoundaries(basePackage, classes);
    }

    /** A module's classes depend on no project module but itself, router and lambda-support. */
    private static void checkModuleBoundaries(String basePackage, JavaClasses classes) {
        noClasses().should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to another module than " + basePackage + ", router and lambda-support",
                        type -> type.getPackageName().startsWith(PROJECT + ".")
                                && !inPackage(type.getPackageName(), basePackage)
                                && !inPackage(type.getPackageName(), PROJECT + ".router")
                                && !inPackage(type.getPackageName(), PROJECT + ".lambdasupport")))
                .because("modules meet only through the router's contract and the shared plumbing: ingest and "
                        + "tenants never depend on each other, and nothing depends on local/* or infra")
                .check(classes);
    }

    private static boolean inPackage(String packageName, String base) {
        return packageName.equals(base) || packageName.startsWith(base + ".");
    }
}
