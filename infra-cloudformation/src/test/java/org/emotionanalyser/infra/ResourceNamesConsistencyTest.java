package org.emotionanalyser.infra;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.UploadKeys;
import org.emotionanalyser.tenants.TenantsConfig;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.router.domain.TenantResourceNames;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names and layouts the code builds at run time against what the template creates and grants: per-emotion
 * tables, table and index keys, per-tenant queue/rule/topic names, and the S3 key prefixes.
 */
class ResourceNamesConsistencyTest {

    private final CloudFormationTemplate template = TemplateSpecValidationTest.deployedTemplate();
    private final TemplateValues values = new TemplateValues(template, Map.of(
            "ArtifactsBucket", "artifacts", "IngestJarKey", "ingest.jar",
            "TenantsJarKey", "tenants.jar"));

    @Test
    void emotionTables_whenNamedByTheCode_allExistInTheTemplate() {
        String prefix = values.resolve(env("TenantConsumerFunction").get(TenantsConfig.EMOTION_TABLE_PREFIX));
        TenantsConfig config = TenantsConfig.fromEnvironment(Map.of(TenantsConfig.EMOTION_TABLE_PREFIX, prefix));
        Set<String> tables = tableNames();
        for (Emotion emotion : Emotion.values()) {
            assertThat(tables).as("table for " + emotion).contains(config.emotionTable(emotion));
        }
    }

    @Test
    void tableKeys_whenComparedWithTheCodesItemSchemas_match() throws Exception {
        assertKeys("TenantsTable", "org.emotionanalyser.tenants.adapter.TenantItem");
        assertKeys("ImagesTable", "org.emotionanalyser.tenants.adapter.ImageItem");
        assertKeys("IdempotencyTable", "org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore$IdempotencyItem");
        for (Emotion emotion : Emotion.values()) {
            String id = "Emotion" + emotion.name().charAt(0) + emotion.name().substring(1).toLowerCase() + "Table";
            assertKeys(id, "org.emotionanalyser.tenants.adapter.EmotionRowItem");
        }
    }

    @Test
    void imagesTimeIndex_whenComparedWithTheCodesItemSchema_hasItsKeysAllAttributesAndAQueryGrant() throws Exception {
        TableMetadata metadata = TableSchema.fromBean(
                Class.forName("org.emotionanalyser.tenants.adapter.ImageItem")).tableMetadata();
        String indexName = DynamoDbImageCatalogue.TIME_INDEX;
        Map<String, Object> properties = template.properties("ImagesTable");
        Map<String, Object> index = StackFunctions.list(properties.get("GlobalSecondaryIndexes")).stream()
                .map(StackFunctions::map).filter(i -> indexName.equals(i.get("IndexName"))).findFirst()
                .orElseThrow(() -> new AssertionError("ImagesTable has no index " + indexName));
        Map<String, String> keys = keyAttributes(index.get("KeySchema"));
        Set<String> declared = new TreeSet<>();
        StackFunctions.list(properties.get("AttributeDefinitions"))
                .forEach(a -> declared.add(String.valueOf(StackFunctions.map(a).get("AttributeName"))));

        assertThat(keys.get("HASH")).as("index partition key").isEqualTo(metadata.indexPartitionKey(indexName));
        assertThat(Optional.ofNullable(keys.get("RANGE"))).as("index sort key")
                .isEqualTo(metadata.indexSortKey(indexName));
        assertThat(declared).containsAll(keys.values());
        // Listings map whole records from the index: every attribute must be projected.
        assertThat(StackFunctions.map(index.get("Projection")).get("ProjectionType")).isEqualTo("ALL");
        String tableArn = values.resolve(Map.of("Fn::GetAtt", List.of("ImagesTable", "Arn")));
        assertGranted("TenantApiRole", "dynamodb:Query", tableArn + "/index/" + indexName);
    }

    @Test
    void tenantResources_whenNamedByTheCode_matchTheGrantedNamePatterns() {
        TenantResourceNames names = TenantResourceNames.of(TemplateValues.PREFIX, "acme-events");
        String queueArn = "arn:aws:sqs:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":";
        String topicArn = "arn:aws:sns:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":";
        String ruleArn = "arn:aws:events:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT + ":rule/"
                + values.resolve(template.properties("EventBus").get("Name")) + "/";

        assertGranted("AdminApiRole", "sqs:CreateQueue", queueArn + names.queueName());
        assertGranted("AdminApiRole", "sqs:CreateQueue", queueArn + names.deadLetterQueueName());
        assertGranted("AdminApiRole", "events:PutRule", ruleArn + names.ruleName());
        assertGranted("AdminApiRole", "sns:CreateTopic", topicArn + names.topicName());
        assertGranted("TenantConsumerRole", "sqs:ReceiveMessage", queueArn + names.queueName());
        assertGranted("TenantConsumerRole", "sns:Publish", topicArn + names.topicName());
        assertGranted("ExportRole", "sns:Publish", topicArn + names.topicName());
    }

    @Test
    void uploadNotification_whenComparedWithTheKeyLayout_firesOnlyForUploads() {
        Map<String, Object> notification = StackFunctions.map(
                template.properties("UploadBucket").get("NotificationConfiguration"));
        List<String> prefixes = new ArrayList<>();
        for (Object configuration : StackFunctions.list(notification.get("LambdaConfigurations"))) {
            Map<String, Object> key = StackFunctions.map(StackFunctions.map(
                    StackFunctions.map(configuration).get("Filter")).get("S3Key"));
            for (Object rule : StackFunctions.list(key.get("Rules"))) {
                prefixes.add(String.valueOf(StackFunctions.map(rule).get("Value")));
            }
        }
        assertThat(prefixes).containsExactly(UploadKeys.UPLOADS_PREFIX);
        assertThat(UploadKeys.uploadKey("acme-events", "0123456789abcdef", "jpg")).startsWith(prefixes.get(0));
    }

    @Test
    void objectGrants_whenRead_onlyCoverTheUploadAndExportPrefixes() {
        String bucketArn = "arn:aws:s3:::" + values.resolve(template.properties("UploadBucket").get("BucketName"));
        Set<String> objectResources = new TreeSet<>();
        for (String role : template.resourcesOfType("AWS::IAM::Role")) {
            for (Statement statement : statements(role)) {
                statement.resources().stream().filter(r -> r.startsWith(bucketArn + "/")).forEach(objectResources::add);
            }
        }
        assertThat(objectResources).isNotEmpty()
                .allMatch(r -> r.equals(bucketArn + "/" + UploadKeys.UPLOADS_PREFIX + "*")
                        || r.equals(bucketArn + "/" + UploadKeys.EXPORTS_PREFIX + "*"));
    }

    @Test
    void readerBucket_whenNamedWithoutReference_isTheUploadBucket() {
        String bucket = values.resolve(template.properties("UploadBucket").get("BucketName"));
        assertThat(values.resolve(env("ReaderFunction").get("UPLOAD_BUCKET"))).isEqualTo(bucket);
        assertThat(values.resolve(template.properties("ReaderFunctionS3Permission").get("SourceArn")))
                .isEqualTo("arn:aws:s3:::" + bucket);
        assertGranted("ReaderRole", "s3:GetObject", "arn:aws:s3:::" + bucket + "/" + UploadKeys.UPLOADS_PREFIX
                + "acme-events/0123456789abcdef.jpg");
    }

    @Test
    void tenantQueues_whenCreatedByTheCode_haveAtLeastSixTimesTheConsumerTimeoutAsVisibility() throws Exception {
        java.lang.reflect.Field field = Class.forName("org.emotionanalyser.tenants.adapter.AwsTenantResources")
                .getDeclaredField("VISIBILITY_TIMEOUT_SECONDS");
        field.setAccessible(true);
        int visibility = Integer.parseInt(String.valueOf(field.get(null)));
        int consumerTimeout = Integer.parseInt(values.resolve(
                template.properties("TenantConsumerFunction").get("Timeout")));
        // Lambda's guidance for SQS sources: visibility >= 6 x function timeout, so retries do not overlap.
        assertThat(visibility).as("tenant queue visibility timeout (s)").isGreaterThanOrEqualTo(6 * consumerTimeout);
    }

    private void assertKeys(String tableId, String itemClass) throws Exception {
        TableMetadata metadata = TableSchema.fromBean(Class.forName(itemClass)).tableMetadata();
        Map<String, Object> properties = template.properties(tableId);
        Map<String, String> keys = keyAttributes(properties.get("KeySchema"));
        String hash = keys.get("HASH");
        String range = keys.get("RANGE");
        assertThat(hash).as(tableId + " partition key vs " + itemClass).isEqualTo(metadata.primaryPartitionKey());
        assertThat(Optional.ofNullable(range)).as(tableId + " sort key vs " + itemClass)
                .isEqualTo(metadata.primarySortKey());
    }

    /** Attribute names of a {@code KeySchema} by key type ({@code HASH}, {@code RANGE}). */
    private static Map<String, String> keyAttributes(Object keySchema) {
        Map<String, String> keys = new TreeMap<>();
        for (Object key : StackFunctions.list(keySchema)) {
            Map<String, Object> k = StackFunctions.map(key);
            keys.put(String.valueOf(k.get("KeyType")), String.valueOf(k.get("AttributeName")));
        }
        return keys;
    }

    private Set<String> tableNames() {
        Set<String> names = new TreeSet<>();
        for (String id : template.resourcesOfType("AWS::DynamoDB::Table")) {
            names.add(values.resolve(template.properties(id).get("TableName")));
        }
        return names;
    }

    private Map<String, Object> env(String functionId) {
        return StackFunctions.map(StackFunctions.map(template.properties(functionId).get("Environment"))
                .get("Variables"));
    }

    private record Statement(Set<String> actions, List<String> resources) {
    }

    private List<Statement> statements(String roleId) {
        List<Statement> statements = new ArrayList<>();
        for (Object policy : StackFunctions.list(template.properties(roleId).get("Policies"))) {
            for (Object raw : StackFunctions.list(StackFunctions.map(StackFunctions.map(policy)
                    .get("PolicyDocument")).get("Statement"))) {
                Map<String, Object> s = StackFunctions.map(raw);
                Set<String> actions = new TreeSet<>();
                Object action = s.get("Action");
                (action instanceof List<?> list ? list : List.of(action)).forEach(a -> actions.add(String.valueOf(a)));
                List<String> resources = new ArrayList<>();
                Object resource = s.get("Resource");
                (resource instanceof List<?> list ? list : List.of(resource))
                        .forEach(r -> resources.add(values.resolve(r)));
                statements.add(new Statement(actions, resources));
            }
        }
        return statements;
    }

    /** Some statement of the role allows the action on a resource pattern that matches the ARN. */
    private void assertGranted(String roleId, String action, String arn) {
        boolean granted = statements(roleId).stream().filter(s -> s.actions().contains(action))
                .flatMap(s -> s.resources().stream()).anyMatch(pattern -> matches(pattern, arn));
        assertThat(granted).as(roleId + " allows " + action + " on " + arn).isTrue();
    }

    private static boolean matches(String pattern, String arn) {
        String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q");
        return arn.matches(regex);
    }
}
