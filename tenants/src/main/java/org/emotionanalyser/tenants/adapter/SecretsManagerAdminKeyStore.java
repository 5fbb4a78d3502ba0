package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.tenants.domain.AdminKeyUnavailableException;
import org.emotionanalyser.tenants.port.AdminKeyStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The admin key as the stack keeps it: a Secrets Manager secret whose value CloudFormation generated
 * ({@code AdminKeySecret} in the template), so the key is in no parameter, template or function configuration.
 */
public record SecretsManagerAdminKeyStore(SecretsManagerClient secrets, String secretId) implements AdminKeyStore {

    @Override
    public String adminKey() {
        GetSecretValueResponse response;
        try {
            response = secrets.getSecretValue(request -> request.secretId(secretId));
        } catch (SdkException e) {
            throw new AdminKeyUnavailableException("cannot read the admin key secret " + secretId + " ("
                    + e.getClass().getSimpleName() + "); check ADMIN_KEY_SECRET_ID and that the function's role "
                    + "may call secretsmanager:GetSecretValue on it", e);
        }
        String key = response.secretString();
        if (key == null || key.isBlank()) {
            throw new AdminKeyUnavailableException("the admin key secret " + secretId + " has no string value; "
                    + "give it one (the stack generates it) or point ADMIN_KEY_SECRET_ID at the right secret", null);
        }
        return key.strip();
    }
}
