package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.lambdasupport.api.ApiErrors;
import org.emotionanalyser.tenants.domain.ImageNotFoundException;
import org.emotionanalyser.tenants.domain.InvalidInputException;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.tenants.domain.StorageFailedException;
import org.emotionanalyser.tenants.domain.SubscriptionNotFoundException;
import org.emotionanalyser.tenants.domain.TenantConflictException;
import org.emotionanalyser.tenants.domain.TenantNotFoundException;

/** The statuses of the tenants domain's failures, for the admin and tenant APIs (the mapper is lambda-support's). */
final class TenantsApiErrors {

    static final ApiErrors ERRORS = ApiErrors.builder()
            .map(InvalidInputException.class, 400)
            .map(InvalidPageTokenException.class, 400)
            .map(TenantNotFoundException.class, 404)
            .map(ImageNotFoundException.class, 404)
            .map(SubscriptionNotFoundException.class, 404)
            .map(TenantConflictException.class, 409)
            .map(ProvisioningFailedException.class, 503)
            .map(StorageFailedException.class, 503)
            .build();

    private TenantsApiErrors() {
    }
}
