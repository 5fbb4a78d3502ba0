package org.emotionanalyser.lambdasupport.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one loader of raw AWS event fixtures for every module's tests: test resources, and events parsed from JSON
 * exactly as the Lambda Java runtime parses them (its own serializers, from aws-lambda-java-serialization).
 */
public final class EventFixtures {

    private EventFixtures() {
    }

    /** A test resource's text, e.g. {@code events/s3-put.json}. */
    public static String text(String resource) {
        try (InputStream in = stream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event in {@code events/<name>}, deserialised with the runtime's own serializer for its type. */
    public static <T> T event(String name, Class<T> type) {
        return eventFromJson(text("events/" + name), type);
    }

    /** An event from JSON text, deserialised with the runtime's own serializer for its type. */
    public static <T> T eventFromJson(String json, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, EventFixtures.class.getClassLoader());
        return serializer.fromJson(json);
    }

    private static InputStream stream(String resource) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return in;
    }
}
