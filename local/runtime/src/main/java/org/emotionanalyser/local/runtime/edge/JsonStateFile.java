package org.emotionanalyser.local.runtime.edge;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One file of state that a local service keeps across restarts (EventBridge rules, SNS topics, event source
 * mappings, queued asynchronous invocations, S3 lifecycle documents, SQS queue policies).
 *
 * <p>Every save replaces the whole file atomically: the content is written to a temporary sibling and moved over
 * the file, so a crash mid-write leaves the previous state rather than half a document.
 */
public final class JsonStateFile {

    private final Path file;

    public JsonStateFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The state an earlier run saved, or empty when there is none yet. */
    public <T> Optional<T> load(Class<T> type) throws IOException {
        return Files.exists(file) ? Optional.of(Json.MAPPER.readValue(file.toFile(), type)) : Optional.empty();
    }

    /** {@link #load(Class)} for generic types such as lists. */
    public <T> Optional<T> load(TypeReference<T> type) throws IOException {
        return Files.exists(file) ? Optional.of(Json.MAPPER.readValue(file.toFile(), type)) : Optional.empty();
    }

    /** Saves the state as indented JSON, replacing what was saved before. */
    public void save(Object state) throws IOException {
        replace(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
    }

    /** Replaces a file's content atomically (temporary sibling, then an atomic move over the file). */
    public static void replace(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
