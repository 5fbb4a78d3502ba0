package org.emotionanalyser.local.runtime;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Small, distinct, valid photos for the reliability tests: 128 px JPEGs of coloured shapes, no person. The reader
 * validates and the local analyser really analyses each (one DetectLabels call, no face work), so a test can push
 * hundreds through the pipeline in seconds.
 */
final class ReliabilityImages {

    private ReliabilityImages() {
    }

    /** The JPEG for {@code name} under {@code dir}, created on first use; different names give different bytes. */
    static Path small(Path dir, String name) {
        Path file = dir.resolve("reliability-images").resolve(name + ".jpg");
        if (Files.exists(file)) {
            return file;
        }
        Random random = new Random(name.hashCode());
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
        graphics.fillRect(0, 0, 128, 128);
        for (int shape = 0; shape < 6; shape++) {
            graphics.setColor(new Color(random.nextInt(0xFFFFFF)));
            graphics.fillOval(random.nextInt(100), random.nextInt(100), 10 + random.nextInt(40),
                    10 + random.nextInt(40));
        }
        graphics.dispose();
        return write(image, file);
    }

    /** A valid 40 px JPEG for {@code name}: under the 80 px minimum, rejected TOO_SMALL without analysis. */
    static Path tooSmall(Path dir, String name) {
        Path file = dir.resolve("reliability-images").resolve("tiny-" + name + ".jpg");
        if (Files.exists(file)) {
            return file;
        }
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        image.setRGB(Math.floorMod(name.hashCode(), 40), 0, 0xFFFFFF);
        return write(image, file);
    }

    private static Path write(BufferedImage image, Path file) {
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "jpg", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
