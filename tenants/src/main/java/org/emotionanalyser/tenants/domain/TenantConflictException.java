package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The request conflicts with the tenant's current state (other settings, being deleted, not active). Maps to 409. */
public final class TenantConflictException extends EmotionAnalyserException {

    public TenantConflictException(String message) {
        super("TenantConflict", message);
    }
}
