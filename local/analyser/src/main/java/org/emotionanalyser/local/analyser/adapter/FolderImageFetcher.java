package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.port.ImageFetcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves {@code S3Object} images from a folder laid out as {@code <root>/<bucket>/<key>}, for running the analyser
 * on its own; the local runtime passes a fetcher that reads its S3 endpoint instead. Versions are not kept.
 */
public final class FolderImageFetcher implements ImageFetcher {

    private final Path root;

    public FolderImageFetcher(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> fetch(String bucket, String key, String version) {
        Path file = root.resolve(bucket).resolve(key).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
