package org.emotionanalyser.local.runtime.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout of local/runtime: one package per AWS service, which talk to each other only through what AWS
 * services share (the edge's protocol helpers and persisted state, the CloudFormation provisioning interface), and
 * the few deliveries that are the point of a service (see {@link #ALLOWED}); the root package composes them.
 */
class RuntimeArchitectureTest {

    private static final String RUNTIME = "org.emotionanalyser.local.runtime";
    /** Shared by every service package; they depend on no service package themselves. */
    private static final Set<String> SHARED = Set.of("edge", "cloudformation");

    /**
     * What each service package may use besides itself and {@link #SHARED}, and why:
     * S3 notifications, EventBridge schedules and API Gateway proxy integrations invoke Lambda functions (the
     * invokers are the point); SNS and EventBridge deliver into SQS queues; Lambda's event source mappings receive
     * from them.
     */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "s3", Set.of("lambda"),
            "sqs", Set.of(),
            "dynamodb", Set.of(),
            "sns", Set.of("sqs"),
            "eventbridge", Set.of("sqs", "lambda"),
            "lambda", Set.of("sqs"),
            "apigateway", Set.of("lambda"),
            "rekognition", Set.of());

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(RUNTIME);
    }

    @Test
    void servicePackages_whenImported_dependOnOtherServicesOnlyWhereAllowed() {
        ALLOWED.forEach((service, allowed) -> {
            List<String> forbidden = new ArrayList<>();
            for (String other : ALLOWED.keySet()) {
                if (!other.equals(service) && !allowed.contains(other)) {
                    forbidden.add(RUNTIME + "." + other + "..");
                }
            }
            noClasses().that().resideInAPackage(RUNTIME + "." + service + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .orShould().dependOnClassesThat().resideInAPackage(RUNTIME)
                    .because(service + " may use only " + allowed + " besides edge and cloudformation")
                    .check(classes);
        });
    }

    @Test
    void sharedPackages_whenImported_dependOnNoServicePackage() {
        List<String> services = ALLOWED.keySet().stream().map(s -> RUNTIME + "." + s + "..").toList();
        for (String shared : SHARED) {
            noClasses().that().resideInAPackage(RUNTIME + "." + shared + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(services.toArray(String[]::new))
                    .orShould().dependOnClassesThat().resideInAPackage(RUNTIME)
                    .because(shared + " is what services share, so it knows none of them")
                    .check(classes);
        }
    }

    @Test
    void packages_whenImported_formNoCycles() {
        slices().matching(RUNTIME + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void runtime_whenImported_doesNotImportTheFunctionsItRuns() {
        // Handlers are loaded by the class name in the template's Handler, as Lambda does; ingest and tenants are
        // runtime-scope dependencies, so the compiler refuses an import too.
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.emotionanalyser.ingest..", "org.emotionanalyser.tenants..")
                .check(classes);
    }
}
