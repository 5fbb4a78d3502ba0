package org.emotionanalyser.ingest.testing;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test resources, and events parsed from JSON exactly as the Lambda Java runtime parses them. */
public final class Fixtures {

    private Fixtures() {
    }

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

    public static <T> T eventFromJson(String json, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, Fixtures.class.getClassLoader());
        return serializer.fromJson(json);
    }

    private static InputStream stream(String resource) {
        InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        return in;
    }
}
