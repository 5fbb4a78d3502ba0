package org.emotionanalyser.infra;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each function's role allows exactly the AWS operations its compiled code calls: nothing the code needs is
 * missing (it would fail with AccessDenied in AWS only), and nothing is granted that the code never uses.
 */
class IamPolicyConsistencyTest {

    /** What Lambda itself may do with a function's role; anything else in a LambdaService statement is a mistake. */
    private static final Set<String> SERVICE_ACTIONS = Set.of("logs:CreateLogStream", "logs:PutLogEvents",
            "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");

    @TestFactory
    Stream<DynamicTest> role_whenComparedWithHandlerCode_allowsExactlyTheOperationsItCalls() {
        CloudFormationTemplate template = TemplateSpecValidationTest.deployedTemplate();
        return StackFunctions.of(template).values().stream().map(function -> DynamicTest.dynamicTest(
                function.logicalId(), () -> {
                    ReachableCode code = ReachableCode.fromHandler(function.handlerClass(), getClass().getClassLoader());
                    Set<String> called = IamActions.requiredBy(code.libraryCalls());
                    Set<String> missing = new TreeSet<>(called);
                    missing.removeAll(function.codeActions());
                    Set<String> unused = new TreeSet<>(function.codeActions());
                    unused.removeAll(called);
                    SoftAssertions.assertSoftly(softly -> {
                        softly.assertThat(missing).as(function.logicalId()
                                + " calls these, but its role does not allow them").isEmpty();
                        softly.assertThat(unused).as(function.logicalId()
                                + "'s role allows these, but its code never calls them").isEmpty();
                    });
                }));
    }

    @Test
    void serviceStatements_whenRead_onlyGrantWhatLambdaUsesOnTheFunctionsBehalf() {
        StackFunctions.of(TemplateSpecValidationTest.deployedTemplate()).values().forEach(function -> {
            assertThat(function.serviceActions()).as(function.logicalId()).isSubsetOf(SERVICE_ACTIONS)
                    .contains("logs:CreateLogStream", "logs:PutLogEvents");
        });
    }

    @Test
    void requiredBy_whenEnhancedAndLowLevelCalls_mapsToIamActions() {
        List<ReachableCode.MethodRef> calls = List.of(
                call("software/amazon/awssdk/enhanced/dynamodb/DynamoDbTable", "putItem"),
                call("software/amazon/awssdk/enhanced/dynamodb/DynamoDbIndex", "query"),
                call("software/amazon/awssdk/enhanced/dynamodb/model/TransactWriteItemsEnhancedRequest$Builder",
                        "addUpdateItem"),
                call("software/amazon/awssdk/services/eventbridge/EventBridgeClient", "putEvents"),
                call("software/amazon/awssdk/services/s3/S3Client", "headObject"),
                call("software/amazon/awssdk/services/s3/S3Client", "listObjectVersionsPaginator"),
                call("software/amazon/awssdk/services/s3/model/ObjectIdentifier$Builder", "versionId"),
                call("software/amazon/awssdk/services/s3/presigner/S3Presigner", "presignPutObject"),
                call("software/amazon/awssdk/services/sns/SnsClient", "close"));
        assertThat(IamActions.requiredBy(calls)).containsExactly("dynamodb:PutItem", "dynamodb:Query",
                "dynamodb:UpdateItem", "events:PutEvents", "s3:DeleteObjectVersion", "s3:GetObject",
                "s3:ListBucketVersions", "s3:PutObject");
    }

    @Test
    void requiredBy_whenApiGatewayControlPlaneCalls_mapsToTheirHttpVerbs() {
        String client = "software/amazon/awssdk/services/apigateway/ApiGatewayClient";
        List<ReachableCode.MethodRef> calls = List.of(call(client, "createApiKey"), call(client, "getApiKeysPaginator"),
                call(client, "getUsagePlanKey"), call(client, "createUsagePlanKey"), call(client, "deleteApiKey"));

        assertThat(IamActions.requiredBy(calls)).containsExactly("apigateway:DELETE", "apigateway:GET",
                "apigateway:POST");
    }

    private static ReachableCode.MethodRef call(String owner, String name) {
        return new ReachableCode.MethodRef(owner, name, "()V");
    }
}
