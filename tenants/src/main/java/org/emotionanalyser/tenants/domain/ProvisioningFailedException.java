package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * Creating or removing a tenant's queue, rule, topic or event source mapping failed part-way. Every step is
 * idempotent, so repeating the same request finishes the job.
 */
public final class ProvisioningFailedException extends EmotionAnalyserException {

    public ProvisioningFailedException(String message, Throwable cause) {
        super("ProvisioningFailed", message, cause);
    }
}
