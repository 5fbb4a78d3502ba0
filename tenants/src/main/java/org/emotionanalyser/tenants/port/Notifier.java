package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.ImageNotification;

/** Tells a tenant's subscribers about an image. */
public interface Notifier {

    /**
     * Publishes one message to the tenant's topic.
     *
     * @throws RuntimeException when the message was not accepted; it may then be published again
     */
    void publish(String topicArn, ImageNotification notification);
}
