package org.emotionanalyser.infra;

import org.emotionanalyser.infra.ReachableCode.MethodRef;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IAM actions a set of AWS SDK v2 calls needs. Service client operations map by name
 * ({@code SnsClient.publish} -> {@code sns:Publish}) with the exceptions IAM makes (S3's list and head operations,
 * batch variants, version-specific object actions); the DynamoDB enhanced client, whose table methods call
 * {@code DynamoDbClient} inside the SDK, maps through an explicit table; presigners need the action of the request
 * they sign, since the URL is used with the signer's permissions.
 */
public final class IamActions {

    private static final Pattern SERVICE_CLIENT =
            Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/([A-Za-z0-9]+)Client");
    /** Client methods that are not service operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of("builder", "create", "close", "serviceName",
            "serviceClientConfiguration", "utilities", "waiter", "batchManager", "presigner");
    /**
     * API Gateway's control plane is authorised by HTTP verb ({@code apigateway:GET} on a path), not by operation:
     * an operation's verb is the one its name starts with.
     */
    private static final Map<String, String> API_GATEWAY_VERBS = Map.of("get", "GET", "create", "POST",
            "delete", "DELETE", "update", "PATCH", "put", "PUT", "import", "PUT", "tag", "PUT", "untag", "DELETE");
    /** SDK package name -> IAM service prefix, where they differ. */
    private static final Map<String, String> SERVICE_PREFIXES = Map.of("eventbridge", "events");

    /** Operations whose IAM action is not their own name. */
    private static final Map<String, List<String>> RENAMED = Map.ofEntries(
            Map.entry("s3:HeadObject", List.of("s3:GetObject")),
            Map.entry("s3:GetObjectAsBytes", List.of("s3:GetObject")),
            Map.entry("s3:PutObjectAsBytes", List.of("s3:PutObject")),
            Map.entry("s3:HeadBucket", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjects", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectsV2", List.of("s3:ListBucket")),
            Map.entry("s3:ListObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("s3:DeleteObjects", List.of("s3:DeleteObject")),
            Map.entry("s3:CopyObject", List.of("s3:GetObject", "s3:PutObject")),
            Map.entry("s3:PutBucketLifecycleConfiguration", List.of("s3:PutLifecycleConfiguration")),
            Map.entry("s3:GetBucketLifecycleConfiguration", List.of("s3:GetLifecycleConfiguration")),
            Map.entry("s3:DeleteBucketLifecycle", List.of("s3:PutLifecycleConfiguration")),
            Map.entry("s3:CreateMultipartUpload", List.of("s3:PutObject")),
            Map.entry("s3:UploadPart", List.of("s3:PutObject")),
            Map.entry("s3:CompleteMultipartUpload", List.of("s3:PutObject")),
            Map.entry("sqs:SendMessageBatch", List.of("sqs:SendMessage")),
            Map.entry("sqs:DeleteMessageBatch", List.of("sqs:DeleteMessage")),
            Map.entry("sqs:ChangeMessageVisibilityBatch", List.of("sqs:ChangeMessageVisibility")),
            Map.entry("sns:PublishBatch", List.of("sns:Publish")),
            // Transactions are authorised per item action; those come from the request builders below.
            Map.entry("dynamodb:TransactWriteItems", List.of()),
            Map.entry("dynamodb:TransactGetItems", List.of("dynamodb:GetItem")));

    /** DynamoDB enhanced client methods -> the low-level operation the SDK sends. */
    private static final Map<String, List<String>> ENHANCED = Map.ofEntries(
            Map.entry("DynamoDbTable.getItem", List.of("dynamodb:GetItem")),
            Map.entry("DynamoDbTable.putItem", List.of("dynamodb:PutItem")),
            Map.entry("DynamoDbTable.putItemWithResponse", List.of("dynamodb:PutItem")),
            Map.entry("DynamoDbTable.updateItem", List.of("dynamodb:UpdateItem")),
            Map.entry("DynamoDbTable.updateItemWithResponse", List.of("dynamodb:UpdateItem")),
            Map.entry("DynamoDbTable.deleteItem", List.of("dynamodb:DeleteItem")),
            Map.entry("DynamoDbTable.deleteItemWithResponse", List.of("dynamodb:DeleteItem")),
            Map.entry("DynamoDbTable.query", List.of("dynamodb:Query")),
            Map.entry("DynamoDbTable.scan", List.of("dynamodb:Scan")),
            Map.entry("DynamoDbTable.createTable", List.of("dynamodb:CreateTable")),
            Map.entry("DynamoDbTable.deleteTable", List.of("dynamodb:DeleteTable")),
            Map.entry("DynamoDbTable.describeTable", List.of("dynamodb:DescribeTable")),
            Map.entry("DynamoDbIndex.query", List.of("dynamodb:Query")),
            Map.entry("DynamoDbIndex.scan", List.of("dynamodb:Scan")),
            Map.entry("DynamoDbEnhancedClient.batchGetItem", List.of("dynamodb:BatchGetItem")),
            Map.entry("DynamoDbEnhancedClient.batchWriteItem", List.of("dynamodb:BatchWriteItem")),
            Map.entry("DynamoDbEnhancedClient.transactGetItems", List.of("dynamodb:GetItem")),
            Map.entry("DynamoDbEnhancedClient.transactWriteItems", List.of()),
            // The parts of a write transaction, each authorised as its single-item action.
            Map.entry("TransactWriteItemsEnhancedRequest$Builder.addPutItem", List.of("dynamodb:PutItem")),
            Map.entry("TransactWriteItemsEnhancedRequest$Builder.addUpdateItem", List.of("dynamodb:UpdateItem")),
            Map.entry("TransactWriteItemsEnhancedRequest$Builder.addDeleteItem", List.of("dynamodb:DeleteItem")),
            Map.entry("TransactWriteItemsEnhancedRequest$Builder.addConditionCheck",
                    List.of("dynamodb:ConditionCheckItem")));

    /** Low-level request builder methods that change which action a call needs. */
    private static final Map<String, List<String>> REQUEST_SHAPES = Map.ofEntries(
            Map.entry("services/dynamodb/model/TransactWriteItem$Builder.put", List.of("dynamodb:PutItem")),
            Map.entry("services/dynamodb/model/TransactWriteItem$Builder.update", List.of("dynamodb:UpdateItem")),
            Map.entry("services/dynamodb/model/TransactWriteItem$Builder.delete", List.of("dynamodb:DeleteItem")),
            Map.entry("services/dynamodb/model/TransactWriteItem$Builder.conditionCheck",
                    List.of("dynamodb:ConditionCheckItem")),
            Map.entry("services/s3/model/GetObjectRequest$Builder.versionId", List.of("s3:GetObjectVersion")),
            Map.entry("services/s3/model/HeadObjectRequest$Builder.versionId", List.of("s3:GetObjectVersion")),
            Map.entry("services/s3/model/DeleteObjectRequest$Builder.versionId", List.of("s3:DeleteObjectVersion")),
            Map.entry("services/s3/model/ObjectIdentifier$Builder.versionId", List.of("s3:DeleteObjectVersion")),
            // Rekognition reads an image given as an S3 object with the caller's permissions.
            Map.entry("services/rekognition/model/S3Object$Builder.name", List.of("s3:GetObject")),
            Map.entry("services/rekognition/model/S3Object$Builder.version", List.of("s3:GetObjectVersion")));

    /** Presigners: the signed request is sent later with the signer's identity. */
    private static final Map<String, List<String>> PRESIGNED = Map.of(
            "S3Presigner.presignGetObject", List.of("s3:GetObject"),
            "S3Presigner.presignPutObject", List.of("s3:PutObject"),
            "S3Presigner.presignDeleteObject", List.of("s3:DeleteObject"),
            "S3Presigner.presignHeadObject", List.of("s3:GetObject"));

    private IamActions() {
    }

    /** The IAM actions the given library calls need, sorted. */
    public static Set<String> requiredBy(Collection<MethodRef> calls) {
        Set<String> actions = new TreeSet<>();
        for (MethodRef call : calls) {
            String owner = call.owner();
            String simpleOwner = owner.substring(owner.lastIndexOf('/') + 1);
            String shortName = simpleOwner + "." + call.name();
            if (owner.startsWith("software/amazon/awssdk/enhanced/dynamodb/")) {
                actions.addAll(ENHANCED.getOrDefault(shortName, List.of()));
                continue;
            }
            if (owner.startsWith("software/amazon/awssdk/services/s3/presigner/")) {
                actions.addAll(PRESIGNED.getOrDefault(shortName, List.of()));
                continue;
            }
            if (owner.startsWith("software/amazon/awssdk/")) {
                String sdkRelative = owner.substring("software/amazon/awssdk/".length()) + "." + call.name();
                actions.addAll(REQUEST_SHAPES.getOrDefault(sdkRelative, List.of()));
            }
            Matcher client = SERVICE_CLIENT.matcher(owner);
            if (client.matches() && !NOT_OPERATIONS.contains(call.name())) {
                String operation = call.name().endsWith("Paginator")
                        ? call.name().substring(0, call.name().length() - "Paginator".length())
                        : call.name();
                String prefix = SERVICE_PREFIXES.getOrDefault(client.group(1), client.group(1));
                if (prefix.equals("apigateway")) {
                    actions.add(apiGatewayAction(operation));
                    continue;
                }
                String action = prefix + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
                actions.addAll(RENAMED.getOrDefault(action, List.of(action)));
            }
        }
        return actions;
    }

    /** {@code createApiKey} -> {@code apigateway:POST}. */
    private static String apiGatewayAction(String operation) {
        int end = 0;
        while (end < operation.length() && Character.isLowerCase(operation.charAt(end))) {
            end++;
        }
        String verb = API_GATEWAY_VERBS.get(operation.substring(0, end));
        if (verb == null) {
            throw new IllegalArgumentException("API Gateway operation " + operation
                    + " starts with no verb IamActions knows; add its HTTP verb to API_GATEWAY_VERBS");
        }
        return "apigateway:" + verb;
    }
}
