package org.emotionanalyser.local.runtime.services;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the embedded AWS-compatible services start.
 *
 * @param dataDir   where every service keeps its state (DynamoDB files, queues, objects, rules, topics, mailboxes)
 * @param edgePort  port of the single edge endpoint on 127.0.0.1; 0 picks a free port
 * @param region    region reported in ARNs, queue URLs and events, e.g. {@code eu-west-1}
 * @param accountId twelve-digit account id reported in ARNs and queue URLs
 */
public record LocalServicesOptions(Path dataDir, int edgePort, String region, String accountId) {

    /** The edge port the AWS CLI and the SDK use by convention for local endpoints. */
    public static final int DEFAULT_EDGE_PORT = 4566;

    public LocalServicesOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        if (edgePort < 0 || edgePort > 65535) {
            throw new IllegalArgumentException("edgePort " + edgePort + " is not a port; use 0 for a free port or 1-65535");
        }
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("accountId must be twelve digits, e.g. 000000000000");
        }
    }
}
