package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.tenants.domain.ImageNotification;
import org.emotionanalyser.tenants.port.Notifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A notifier that keeps what was published, and can be told to fail the next publishes like an SNS outage. */
public final class RecordingNotifier implements Notifier {

    /** One accepted publish. */
    public record Published(String topicArn, ImageNotification notification) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    /** The next {@code count} publishes throw and are not recorded. */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    @Override
    public void publish(String topicArn, ImageNotification notification) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("simulated SNS outage");
        }
        published.add(new Published(topicArn, notification));
    }

    public List<Published> published() {
        return List.copyOf(published);
    }
}
