package org.emotionanalyser.local.analyser;

import org.junit.jupiter.api.Assumptions;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The photos the build fetched into {@code target/test-photos}, and ways to vary them. */
public final class TestPhotos {

    private TestPhotos() {
    }

    public static Path folder() {
        return Path.of(System.getProperty("analyser.test.photos", "target/test-photos"));
    }

    /** A face-api sample group photo, {@code sample1.jpg} .. {@code sample6.jpg}. */
    public static byte[] sample(int number) {
        return read(folder().resolve("sample" + number + ".jpg"));
    }

    /**
     * A python3-skimage photo ({@code astronaut.png}, {@code coffee.png}, {@code chelsea.png}); skips the test when
     * the build could not fetch that package.
     */
    public static byte[] skimage(String name) {
        Path photo = folder().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(photo), "Skipped: " + photo + " is missing because the build could "
                + "not run 'apt-get download python3-skimage'; install apt or copy the photo there to run this test.");
        return read(photo);
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The region given as image ratios, copied. */
    public static BufferedImage crop(BufferedImage image, double left, double top, double width, double height) {
        int x = (int) Math.max(0, left * image.getWidth());
        int y = (int) Math.max(0, top * image.getHeight());
        int w = (int) Math.min(image.getWidth() - x, width * image.getWidth());
        int h = (int) Math.min(image.getHeight() - y, height * image.getHeight());
        return draw(image.getSubimage(x, y, w, h), w, h, false);
    }

    /** Mirrored left to right and scaled by {@code scale}. */
    public static BufferedImage mirroredAndScaled(BufferedImage image, double scale) {
        return draw(image, (int) (image.getWidth() * scale), (int) (image.getHeight() * scale), true);
    }

    /** Turned clockwise by {@code degrees} about its centre, the same size, the corners left black. */
    public static BufferedImage turned(BufferedImage image, double degrees) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Every pixel's red, green and blue multiplied by {@code factor}. */
    public static BufferedImage darkened(BufferedImage image, double factor) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int r = (int) (((p >> 16) & 0xff) * factor);
                int g = (int) (((p >> 8) & 0xff) * factor);
                int b = (int) ((p & 0xff) * factor);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return out;
    }

    /** Blurred by a box filter {@code 2 radius + 1} pixels wide, as an out-of-focus lens would. */
    public static BufferedImage blurred(BufferedImage image, int radius) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] sum = new int[3];
                int n = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        int p = image.getRGB(Math.min(w - 1, Math.max(0, x + dx)), Math.min(h - 1, Math.max(0, y + dy)));
                        sum[0] += (p >> 16) & 0xff;
                        sum[1] += (p >> 8) & 0xff;
                        sum[2] += p & 0xff;
                        n++;
                    }
                }
                out.setRGB(x, y, (sum[0] / n << 16) | (sum[1] / n << 8) | sum[2] / n);
            }
        }
        return out;
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, boolean mirror) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        if (mirror) {
            g.drawImage(source, width, 0, -width, height, null);
        } else {
            g.drawImage(source, 0, 0, width, height, null);
        }
        g.dispose();
        return out;
    }

    private static byte[] read(Path photo) {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalStateException(photo + " is missing; build with Maven, which fetches the test photos.");
        }
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
