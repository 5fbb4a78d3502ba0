package org.emotionanalyser.ingest.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.ingest.domain.TenantLookupUnavailableException;
import org.emotionanalyser.ingest.testing.AwsReplayServer;
import org.emotionanalyser.ingest.testing.AwsReplayServer.Reply;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which tenants the reader analyses uploads for, read through the real DynamoDB client from recorded GetItem
 * answers: only ACTIVE ones (issue 12, item 3: the reader drops work for a tenant that is not ACTIVE).
 */
class DynamoDbTenantLookupTest {

    private static final String TABLE = "emotion-analyser-dev-tenants";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsReplayServer server;
    private DynamoDbClient client;
    private DynamoDbTenantLookup lookup;

    @BeforeEach
    void start() throws IOException {
        server = new AwsReplayServer();
        client = server.clientSettings().build(DynamoDbClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()),
                Duration.ofSeconds(10));
        lookup = new DynamoDbTenantLookup(client, TABLE);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void acceptsUploads_whenTheTenantIsActive_readsItsIdAndStatusConsistentlyAndAccepts() throws IOException {
        server.on("GetItem", Reply.ok("dynamodb/get-item-tenant-active.json"));

        assertThat(lookup.acceptsUploads("acme-events")).isTrue();

        JsonNode request = JSON.readTree(server.requests().get(0).body());
        assertThat(request.path("TableName").asText()).isEqualTo(TABLE);
        assertThat(request.path("Key").path("tenantId").path("S").asText()).isEqualTo("acme-events");
        assertThat(request.path("ConsistentRead").asBoolean()).as("past any cache").isTrue();
        assertThat(request.path("ExpressionAttributeNames").path("#status").asText()).isEqualTo("status");
        assertThat(request.path("ExpressionAttributeNames").path("#id").asText()).isEqualTo("tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deleting", "provisioning", "failed"})
    void acceptsUploads_whenTheTenantIsNotActive_refusesSoTheUploadIsDeletedUnanalysed(String status) {
        server.on("GetItem", Reply.ok("dynamodb/get-item-tenant-" + status + ".json"));

        assertThat(lookup.acceptsUploads("acme-events")).isFalse();
    }

    @Test
    void acceptsUploads_whenTheTenantHasNoRecord_refuses() {
        server.on("GetItem", Reply.ok("dynamodb/get-item-no-tenant.json"));

        assertThat(lookup.acceptsUploads("acme-events")).isFalse();
    }

    @Test
    void acceptsUploads_whenTheRecordHasNoStatus_acceptsAsTheTenantsModuleReadsItActive() {
        server.on("GetItem", Reply.ok("dynamodb/get-item-tenant-without-status.json"));

        assertThat(lookup.acceptsUploads("acme-events")).isTrue();
    }

    @Test
    void acceptsUploads_whenTheStatusIsUnknown_failsInsteadOfDeletingTheUpload() {
        server.on("GetItem", Reply.ok("dynamodb/get-item-tenant-suspended.json"));

        assertThatThrownBy(() -> lookup.acceptsUploads("acme-events"))
                .isInstanceOf(TenantLookupUnavailableException.class)
                .hasMessageContaining("SUSPENDED").hasMessageContaining("same build");
    }

    @Test
    void acceptsUploads_whenDynamoDbThrottles_failsSoTheInvocationIsRetried() {
        server.on("GetItem", Reply.error(400, "dynamodb/error-throughput-exceeded.json"));

        assertThatThrownBy(() -> lookup.acceptsUploads("acme-events"))
                .isInstanceOf(TenantLookupUnavailableException.class)
                .hasMessageContaining("tenants table");
    }
}
