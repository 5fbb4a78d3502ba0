package org.emotionanalyser.local.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded AWS-compatible services start.
 *
 * @param dataDir   where every service keeps its state (DynamoDB files, queues, objects, rules, topics, mailboxes)
 * @param edgePort  port of the single edge endpoint on 127.0.0.1; 0 picks a free port
 * @param region    region reported in ARNs, queue URLs and events, e.g. {@code eu-west-1}
 * @param accountId twelve-digit account id reported in ARNs and queue URLs
 * @param lifecycleSweepInterval how often local S3 deletes the objects its bucket lifecycle rules have expired
 */
public record LocalServicesOptions(Path dataDir, int edgePort, String region, String accountId,
                                   Duration lifecycleSweepInterval) {

    /** The edge port the AWS CLI and the SDK use by convention for local endpoints. */
    public static final int DEFAULT_EDGE_PORT = 4566;

    /** Hourly: expirations count in days, so an hour late is close enough and costs one listing an hour. */
    public static final Duration DEFAULT_LIFECYCLE_SWEEP_INTERVAL = Duration.ofHours(1);

    /** Options with the default lifecycle sweep interval. */
    public LocalServicesOptions(Path dataDir, int edgePort, String region, String accountId) {
        this(dataDir, edgePort, region, accountId, DEFAULT_LIFECYCLE_SWEEP_INTERVAL);
    }

    public LocalServicesOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(lifecycleSweepInterval, "lifecycleSweepInterval");
        if (lifecycleSweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("lifecycleSweepInterval must be at least one millisecond, e.g. PT1H");
        }
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
