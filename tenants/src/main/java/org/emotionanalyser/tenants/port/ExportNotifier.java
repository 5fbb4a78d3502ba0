package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.ExportNotice;

/** Tells a tenant's subscribers about its exports. */
public interface ExportNotifier {

    /** Publishes the notice to the tenant's topic. */
    void announce(String topicArn, ExportNotice notice);
}
