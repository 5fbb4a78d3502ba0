package org.emotionanalyser.tenants.adapter;

import java.util.List;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.tenants.domain.UsageKey;
import org.emotionanalyser.tenants.port.TenantUsageKeys;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

/**
 * Tenant usage-plan keys with API Gateway: an API key per tenant, named like the tenant's other resources, in the
 * tenants' usage plan, found once by its name ({@code TENANT_USAGE_PLAN_NAME}). API Gateway generates each key's
 * value. Keys are looked up by
 * name before one is created, and the plan's membership is looked up before it is added, so a retry after a failure
 * part-way (key created, not yet in the plan) finishes the job instead of creating a second key.
 */
public final class ApiGatewayUsageKeys implements TenantUsageKeys {

    /** How API Gateway calls a usage-plan key that is an API key (the only type there is). */
    static final String API_KEY_TYPE = "API_KEY";

    private final ApiGatewayClient apiGateway;
    private final String usagePlanName;
    private volatile String usagePlanId;

    public ApiGatewayUsageKeys(ApiGatewayClient apiGateway, String usagePlanName) {
        this.apiGateway = apiGateway;
        this.usagePlanName = usagePlanName;
    }

    @Override
    public UsageKey ensure(String keyName) {
        try {
            UsageKey key = named(keyName).stream().findFirst()
                    .map(existing -> new UsageKey(existing.id(), existing.value()))
                    .orElseGet(() -> create(keyName));
            String planId = usagePlanId();
            if (!inPlan(planId, key.id())) {
                try {
                    apiGateway.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(key.id())
                            .keyType(API_KEY_TYPE));
                } catch (ConflictException alreadyAdded) {
                    // A concurrent retry added it between the look-up and this call: the key is in the plan.
                }
            }
            return key;
        } catch (SdkException e) {
            throw new ProvisioningFailedException("creating the tenant's usage-plan key failed ("
                    + e.getClass().getSimpleName() + "); repeat the same request to finish", e);
        }
    }

    @Override
    public void remove(String keyName) {
        try {
            for (ApiKey key : named(keyName)) {
                try {
                    apiGateway.deleteApiKey(b -> b.apiKey(key.id()));
                } catch (NotFoundException alreadyGone) {
                    // Deleted by a concurrent retry: what this call wanted.
                }
            }
        } catch (SdkException e) {
            throw new ProvisioningFailedException("removing the tenant's usage-plan key failed ("
                    + e.getClass().getSimpleName() + "); repeat the delete to finish", e);
        }
    }

    private UsageKey create(String keyName) {
        CreateApiKeyResponse created = apiGateway.createApiKey(b -> b.name(keyName).enabled(true)
                .description("Counts one tenant's requests against the tenants' usage plan (its throttle); "
                        + "not a credential: the API reads usage keys from its authorizer only"));
        return new UsageKey(created.id(), created.value());
    }

    /** Keys whose name is exactly this one ({@code nameQuery} also matches longer names that start with it). */
    private List<ApiKey> named(String keyName) {
        return apiGateway.getApiKeysPaginator(b -> b.nameQuery(keyName).includeValues(true)).items().stream()
                .filter(key -> keyName.equals(key.name()))
                .toList();
    }

    /** The tenants' plan's id, looked up by name on first use (plans change only with the stack). */
    private String usagePlanId() {
        String id = usagePlanId;
        if (id == null) {
            id = apiGateway.getUsagePlansPaginator(b -> b.build()).items().stream()
                    .filter(plan -> usagePlanName.equals(plan.name()))
                    .map(UsagePlan::id)
                    .findFirst()
                    .orElseThrow(() -> new ProvisioningFailedException("API Gateway has no usage plan named '"
                            + usagePlanName + "'; deploy the stack's TenantUsagePlan, or correct "
                            + "TENANT_USAGE_PLAN_NAME", null));
            usagePlanId = id;
        }
        return id;
    }

    private boolean inPlan(String planId, String keyId) {
        try {
            apiGateway.getUsagePlanKey(b -> b.usagePlanId(planId).keyId(keyId));
            return true;
        } catch (NotFoundException absent) {
            return false;
        }
    }
}
