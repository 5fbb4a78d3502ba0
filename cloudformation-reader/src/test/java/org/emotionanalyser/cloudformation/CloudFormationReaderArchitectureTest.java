package org.emotionanalyser.cloudformation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module's shipped code is the one CloudFormation YAML reader and the DynamoDB table layout, which local mode
 * provisions the stack with and the tests check the template and create tables with. It stays a leaf: the JDK,
 * SnakeYAML and DynamoDB's request model only, so local/runtime and the tests do not pull in the functions, an
 * HTTP client or Jackson through it.
 */
class CloudFormationReaderArchitectureTest {

    private static final String MODULE = "org.emotionanalyser.cloudformation";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(MODULE);

    @Test
    void mainCode_whenImported_dependsOnlyOnTheJdkSnakeYamlAndDynamoDbRequests() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.yaml.snakeyaml..", MODULE + "..",
                        "software.amazon.awssdk.services.dynamodb.model..")
                .because("local/runtime and the tenants tests depend on this reader and must not inherit other "
                        + "modules through it")
                .check(MAIN);
    }

    @Test
    void yamlReader_whenImported_knowsNoAwsService() {
        noClasses().that().resideInAPackage(MODULE + ".yaml..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "org.yaml.snakeyaml..",
                        MODULE + ".yaml..")
                .because("the YAML reader turns text into maps; what a resource means belongs to the service "
                        + "packages beside it")
                .check(MAIN);
    }

    @Test
    void mainCode_whenImported_isOnlyTheReaderAndTheTableLayout() {
        classes().should().resideInAnyPackage(MODULE + ".yaml..", MODULE + ".dynamodb..")
                .because("template checks belong in infra-cloudformation's tests; the shipped jar is the reader "
                        + "and what the stack's tables look like")
                .check(MAIN);
    }
}
