package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbTenantDirectoryIntegrationTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T09:00:00Z");

    private DynamoDbTenantDirectory directory;

    @BeforeEach
    void setUp() {
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        directory = new DynamoDbTenantDirectory(server.enhancedClient(), server.newStack().tenantsTable(), 50, 30);
    }

    private static Tenant provisioned(String tenantId) {
        return Tenant.newTenant(tenantId, "Acme Events", 65.5, 14, CREATED)
                .withKey("73616c74", "68617368")
                .withResources("arn:aws:sns:eu-west-1:1:p-tenant-" + tenantId, "https://q/" + tenantId,
                        "arn:aws:sqs:eu-west-1:1:p-tenant-" + tenantId, "https://q/" + tenantId + "-dlq",
                        "arn:aws:sqs:eu-west-1:1:p-tenant-" + tenantId + "-dlq", "p-tenant-" + tenantId, "esm-1")
                .withStatus(TenantStatus.ACTIVE);
    }

    @Test
    void find_whenSaved_returnsEveryField() {
        Tenant tenant = provisioned("acme");
        directory.save(tenant);

        assertThat(directory.find("acme")).contains(tenant);
        assertThat(directory.find("globex")).isEmpty();
    }

    @Test
    void saveIfAbsent_whenIdIsTaken_refusesAndKeepsTheFirstTenant() {
        Tenant first = provisioned("acme");

        assertThat(directory.saveIfAbsent(first)).isTrue();
        assertThat(directory.saveIfAbsent(Tenant.newTenant("acme", "Other", 50, 30, CREATED))).isFalse();
        assertThat(directory.find("acme")).contains(first);
    }

    @Test
    void replaceIfUnchanged_whenStatusAndKeyAsRead_writesTheNewSettings() {
        Tenant current = provisioned("acme");
        directory.save(current);
        Tenant changed = current.withSettings("Acme Events Hamburg", 80, 0);

        assertThat(directory.replaceIfUnchanged(current, changed)).isTrue();
        assertThat(directory.find("acme")).contains(changed);
    }

    @Test
    void replaceIfUnchanged_whenKeyRotatedOrDeleteStartedOrGone_refusesAndKeepsTheStoredTenant() {
        Tenant read = provisioned("acme");
        Tenant changed = read.withSettings("Stale", 80, 0);
        Tenant rotated = read.withKey("6e657773616c74", "6e657768617368");
        directory.save(rotated);
        assertThat(directory.replaceIfUnchanged(read, changed)).isFalse();
        assertThat(directory.find("acme")).contains(rotated);

        Tenant deleting = read.withStatus(TenantStatus.DELETING);
        directory.save(deleting);
        assertThat(directory.replaceIfUnchanged(read, changed)).isFalse();
        assertThat(directory.find("acme")).contains(deleting);

        directory.delete("acme");
        assertThat(directory.replaceIfUnchanged(read, changed)).isFalse();
        assertThat(directory.find("acme")).isEmpty();
    }

    @Test
    void list_whenTenantsSpanSeveralPages_returnsEachOnce() {
        for (int n = 0; n < 5; n++) {
            directory.save(provisioned("tenant-" + n));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Page<Tenant> page = directory.list(2, token);
            page.items().forEach(t -> seen.add(t.tenantId()));
            token = page.nextToken();
        } while (token != null);

        assertThat(seen).containsExactlyInAnyOrder("tenant-0", "tenant-1", "tenant-2", "tenant-3", "tenant-4");
    }

    @Test
    void list_whenTokenIsOfAnotherListing_rejectsIt() {
        String imagesToken = PageTokens.issue("images", "acme",
                java.util.Map.of("tenantId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("acme"),
                        "imageId", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x")));

        assertThatThrownBy(() -> directory.list(2, imagesToken)).isInstanceOf(InvalidPageTokenException.class);
    }

    @Test
    void delete_whenSaved_removesTheTenant() {
        directory.save(provisioned("acme"));

        directory.delete("acme");

        assertThat(directory.find("acme")).isEmpty();
    }
}
