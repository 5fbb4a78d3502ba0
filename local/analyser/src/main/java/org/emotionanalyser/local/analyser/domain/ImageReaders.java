package org.emotionanalyser.local.analyser.domain;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The ImageIO readers for an encoded image, the JDK's own first. Which reader ImageIO offers first depends on what
 * else is on the classpath: in local mode the reader function's TwelveMonkeys JPEG plugin (there for CMYK JPEGs)
 * registers ahead of the JDK's reader, and it converts colours in Java, differently for some embedded colour
 * profiles. The analyser's accuracy was measured with the JDK's readers, so every decode of the analyser tries
 * them first, and another reader only for an image they refuse.
 */
public final class ImageReaders {

    private static final String JDK_READERS = "com.sun.imageio.";

    private ImageReaders() {
    }

    /**
     * The readers that recognise {@code encoded}, the JDK's first, each without input; empty when none does. The
     * caller disposes of them.
     */
    public static List<ImageReader> jdkFirst(byte[] encoded) throws IOException {
        List<ImageReader> readers = new ArrayList<>();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> found = input == null ? null : ImageIO.getImageReaders(input);
            while (found != null && found.hasNext()) {
                readers.add(found.next());
            }
        }
        // stable: readers of the same origin keep ImageIO's order
        readers.sort(Comparator.comparingInt(reader -> reader.getClass().getName().startsWith(JDK_READERS) ? 0 : 1));
        return readers;
    }

    /** A stream over {@code encoded} for one reader's attempt. */
    public static ImageInputStream streamOf(byte[] encoded) throws IOException {
        return ImageIO.createImageInputStream(new ByteArrayInputStream(encoded));
    }
}
