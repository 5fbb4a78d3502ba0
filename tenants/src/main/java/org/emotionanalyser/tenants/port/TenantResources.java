package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.ProvisionedResources;
import org.emotionanalyser.router.domain.TenantResourceNames;

/**
 * A tenant's messaging resources: its queue and dead-letter queue, the bus rule routing its events to the queue,
 * its notification topic, and the event source mapping that feeds the queue to the consumer.
 *
 * <p>Both operations look before they create or delete, so running one again after a failure part-way finishes
 * what the first run started.
 *
 * @throws org.emotionanalyser.tenants.domain.ProvisioningFailedException from either operation when AWS refuses
 */
public interface TenantResources {

    /** Creates whatever is missing and brings existing resources to the wanted settings. */
    ProvisionedResources provision(TenantResourceNames names);

    /** Deletes whatever exists: mapping first (no more deliveries), then rule, queues and topic. */
    void teardown(TenantResourceNames names);
}
