package org.emotionanalyser.local.analyser.domain;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads encoded images with ImageIO, the JDK's own readers first. Which reader ImageIO offers first depends on what
 * else is on the classpath: in local mode the reader function's TwelveMonkeys JPEG plugin (there for CMYK JPEGs)
 * registers ahead of the JDK's reader, and it converts colours in Java, more slowly and differently for some
 * embedded colour profiles. The analyser's accuracy was measured with the JDK's readers, so every read of the
 * analyser tries them first, and another reader only for an image they refuse. A JPEG's embedded sRGB profile is
 * dropped before any reader sees it ({@link EmbeddedSrgbProfile}): converting from it changes no pixel and took
 * most of the decoding time.
 */
public final class ImageReaders {

    private static final String JDK_READERS = "com.sun.imageio.";

    private ImageReaders() {
    }

    /** What one reader does with the image, its input already set. */
    @FunctionalInterface
    public interface Read<T> {
        T from(ImageReader reader) throws IOException;
    }

    /**
     * The result of the first reader that does {@code read} on {@code encoded} without an {@link IOException} (how
     * ImageIO readers refuse an image they cannot decode, e.g. the JDK's JPEG reader a CMYK JPEG), the JDK's readers
     * first; empty when no reader recognises the bytes. A {@link RuntimeException} ends the attempts at once.
     *
     * @throws IOException the first reader's failure when every reader that recognises the bytes failed
     */
    public static <T> Optional<T> read(byte[] encoded, Read<T> read) throws IOException {
        byte[] readable = EmbeddedSrgbProfile.removedFrom(encoded);
        List<ImageReader> readers = jdkFirst(readable);
        IOException firstFailure = null;
        try {
            for (ImageReader reader : readers) {
                try (ImageInputStream input = inMemory(readable)) {
                    reader.setInput(input, true, true);
                    return Optional.of(read.from(reader));
                } catch (IOException e) {
                    firstFailure = firstFailure == null ? e : firstFailure;
                }
            }
        } finally {
            readers.forEach(ImageReader::dispose);
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
        return Optional.empty();
    }

    /** The readers that recognise {@code encoded}, the JDK's first, each without input. The caller disposes of them. */
    static List<ImageReader> jdkFirst(byte[] encoded) throws IOException {
        List<ImageReader> readers = new ArrayList<>();
        try (ImageInputStream input = inMemory(encoded)) {
            Iterator<ImageReader> found = ImageIO.getImageReaders(input);
            while (found.hasNext()) {
                readers.add(found.next());
            }
        }
        // stable: readers of the same origin keep ImageIO's order
        readers.sort(Comparator.comparingInt(reader -> reader.getClass().getName().startsWith(JDK_READERS) ? 0 : 1));
        return readers;
    }

    /**
     * A stream over bytes already in memory. {@code ImageIO.createImageInputStream} would pick whichever provider is
     * registered first, and the JDK's copies the bytes into a temporary file while ImageIO's disk cache is on (its
     * default): a file written and deleted for every read of an image the analyser already holds.
     */
    private static ImageInputStream inMemory(byte[] encoded) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
    }
}
