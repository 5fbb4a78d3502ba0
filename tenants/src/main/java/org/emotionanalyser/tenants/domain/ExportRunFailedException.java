package org.emotionanalyser.tenants.domain;

import java.util.List;
import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * A scheduled export run in which some tenants failed; the others were done. Each tenant's cause is logged where
 * it happened. Running again redoes only the failed tenants' exports.
 */
public final class ExportRunFailedException extends EmotionAnalyserException {

    public ExportRunFailedException(List<String> failedTenants) {
        super("ExportRunFailed", "export task failed for tenants " + failedTenants
                + "; see the log for each cause, then run it again");
    }
}
