package org.emotionanalyser.ingest.testing;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.DataBuffer;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;

/** Images generated in memory for tests: every format the reader meets, valid and broken. */
public final class TestImages {

    private TestImages() {
    }

    /** A picture with some structure (gradient, shapes) so encoders do real work. */
    public static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D graphics = image.createGraphics();
        for (int y = 0; y < height; y++) {
            graphics.setColor(new Color((y * 255) / Math.max(1, height - 1), 120, 200));
            graphics.drawLine(0, y, width, y);
        }
        graphics.setColor(Color.YELLOW);
        graphics.fillOval(width / 4, height / 4, width / 2, height / 2);
        graphics.dispose();
        return image;
    }

    public static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] jpeg(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    public static byte[] png(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    /** A PNG with a transparent border. */
    public static byte[] pngWithAlpha(int width, int height) {
        BufferedImage image = picture(width, height, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, 0, 0x00000000);
        }
        return write(image, "png");
    }

    /** A 16-bit greyscale PNG, which Rekognition does not read. */
    public static byte[] png16Bit(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, (x * 65535) / width);
            }
        }
        return write(image, "png");
    }

    public static byte[] gif(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "gif");
    }

    public static byte[] bmp(int width, int height) {
        return write(picture(width, height, BufferedImage.TYPE_INT_RGB), "bmp");
    }

    /**
     * A 4-channel (CMYK) JPEG, as print workflows produce: written as a raw 4-band raster, which the JDK writer
     * stores with an Adobe marker and no colour transform.
     */
    public static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4,
                null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[]{x % 256, y % 256, 40, 10});
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = null;
        while (writers.hasNext()) {
            ImageWriter candidate = writers.next();
            if (candidate.canWriteRasters()) {
                writer = candidate;
                break;
            }
        }
        if (writer == null) {
            throw new IllegalStateException("no JPEG writer that writes rasters");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            writer.write(null, new IIOImage(raster, null, adobeCmykMetadata(writer, parameters)), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * JPEG metadata with the Adobe APP14 marker saying "no colour transform", which is how readers know the four
     * channels are C, M, Y and K.
     */
    private static IIOMetadata adobeCmykMetadata(ImageWriter writer, ImageWriteParam parameters)
            throws IOException {
        ImageTypeSpecifier fourChannels = ImageTypeSpecifier.createInterleaved(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[]{0, 1, 2, 3}, DataBuffer.TYPE_BYTE, true, false);
        IIOMetadata metadata = writer.getDefaultImageMetadata(fourChannels, parameters);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode variety = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        while (variety.hasChildNodes()) {
            variety.removeChild(variety.getFirstChild());
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = (IIOMetadataNode) root.getElementsByTagName("app14Adobe").item(0);
        if (adobe == null) {
            adobe = new IIOMetadataNode("app14Adobe");
            markers.insertBefore(adobe, markers.getFirstChild());
        }
        adobe.setAttribute("transform", "0");
        metadata.setFromTree(format, root);
        return metadata;
    }

    /**
     * A lossless (VP8L) WEBP of one solid colour, written by hand: every prefix code has a single symbol, so the
     * pixels take no bits at all. ImageIO has no WEBP writer.
     */
    public static byte[] webp(int width, int height, int red, int green, int blue) {
        BitWriter bits = new BitWriter();
        bits.write(0x2f, 8);            // VP8L signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1);               // alpha is not used
        bits.write(0, 3);               // version 0
        bits.write(0, 1);               // no transforms
        bits.write(0, 1);               // no colour cache
        bits.write(0, 1);               // no meta prefix codes
        simpleCode(bits, green);        // green + length prefixes
        simpleCode(bits, red);
        simpleCode(bits, blue);
        simpleCode(bits, 255);          // alpha
        simpleCode(bits, 0);            // distance
        byte[] payload = bits.toBytes();
        int padded = payload.length + (payload.length & 1);
        ByteBuffer riff = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(payload.length)
                .put(payload);
        return riff.array();
    }

    /** A "simple" prefix code with exactly one 8-bit symbol. */
    private static void simpleCode(BitWriter bits, int symbol) {
        bits.write(1, 1);               // simple code
        bits.write(0, 1);               // one symbol
        bits.write(1, 1);               // 8-bit symbol
        bits.write(symbol, 8);
    }

    /** Text that claims to be an image by name only. */
    public static byte[] text() {
        return "name,emotion\nalice,happy\n".getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes of the given length, seeded so failures reproduce. */
    public static byte[] noise(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    public static byte[] truncate(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    /** LSB-first bit packing, as VP8L reads its bit stream. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long buffer;
        private int count;

        void write(int value, int width) {
            buffer |= ((long) value & ((1L << width) - 1)) << count;
            count += width;
            while (count >= 8) {
                out.write((int) (buffer & 0xff));
                buffer >>>= 8;
                count -= 8;
            }
        }

        byte[] toBytes() {
            if (count > 0) {
                out.write((int) (buffer & 0xff));
                buffer = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }
}
