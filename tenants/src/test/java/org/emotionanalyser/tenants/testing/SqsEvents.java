package org.emotionanalyser.tenants.testing;

import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.List;

/** SQS event fixtures from {@code src/test/resources/events/}, parsed the way the Lambda runtime parses them. */
public final class SqsEvents {

    /** The tenant and images the fixtures are about. */
    public static final String TENANT = "acme";
    public static final String ANALYZED_IMAGE = "3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a";
    public static final String REJECTED_IMAGE = "7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    /** The fixtures' queue ARNs are {@code <prefix>-tenant_<tenantId>} with this prefix. */
    public static final String RESOURCE_PREFIX = "emotion-analyser-test";

    private SqsEvents() {
    }

    /** Loads {@code events/<name>.json}. */
    public static SQSEvent load(String name) {
        return EventFixtures.event(name + ".json", SQSEvent.class);
    }

    /** An event holding the given messages (e.g. a redelivery of a fixture's message). */
    public static SQSEvent of(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** Every message of the named fixtures, in order, as one batch. */
    public static SQSEvent batchOf(String... names) {
        List<SQSEvent.SQSMessage> all = new java.util.ArrayList<>();
        for (String name : names) {
            all.addAll(load(name).getRecords());
        }
        return of(all);
    }
}
