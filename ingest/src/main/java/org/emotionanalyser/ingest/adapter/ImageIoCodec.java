package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ColourModel;
import org.emotionanalyser.ingest.domain.CorruptImageException;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.ImageHeader;
import org.emotionanalyser.ingest.domain.OversizedImageException;
import org.emotionanalyser.ingest.domain.TranscodedImage;
import org.emotionanalyser.ingest.port.ImageCodec;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * {@link ImageCodec} on Java ImageIO with the TwelveMonkeys plugins: WEBP, and a JPEG reader that also reads
 * CMYK/YCCK JPEGs (converting them to RGB), which the JDK's reader refuses.
 */
public final class ImageIoCodec implements ImageCodec {

    private static final float JPEG_QUALITY = 0.9f;
    private static final int MAX_SHRINK_ROUNDS = 6;

    public ImageIoCodec() {
        // Lambda loads the function from its own class loader; make sure its plugins (WEBP, CMYK JPEG) register.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    @Override
    public ImageHeader readHeader(ImageFormat format, byte[] leadingBytes) {
        ImageReader reader = readerFor(format);
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(leadingBytes))) {
            reader.setInput(input, true, true);
            return headerOf(reader);
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException("its " + format + " header is unreadable: " + describe(e), e);
        } finally {
            reader.dispose();
        }
    }

    @Override
    public TranscodedImage toJpeg(ImageFormat format, byte[] image, int maxBytes) {
        ImageReader reader = readerFor(format);
        ImageHeader header;
        BufferedImage decoded;
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(input, true, true);
            header = headerOf(reader);
            ImageReadParam subsampled = reader.getDefaultReadParam();
            int step = subsamplingWithinLimits(header.width(), header.height());
            // Only every step-th pixel of every step-th row is kept: memory follows the limits, not the header.
            subsampled.setSourceSubsampling(step, step, 0, 0);
            decoded = reader.read(0, subsampled);
        } catch (IOException | RuntimeException e) {
            throw new CorruptImageException("its " + format + " data cannot be decoded: " + describe(e), e);
        } finally {
            reader.dispose();
        }
        BufferedImage rgb = flattenToRgb(decoded, decoded.getWidth(), decoded.getHeight());
        byte[] jpeg = encode(rgb);
        for (int round = 0; jpeg.length > maxBytes && round < MAX_SHRINK_ROUNDS; round++) {
            // JPEG size grows roughly with the pixel count; aim a little under the limit.
            double scale = Math.sqrt((double) maxBytes / jpeg.length) * 0.9;
            rgb = flattenToRgb(rgb, Math.max(1, (int) (rgb.getWidth() * scale)),
                    Math.max(1, (int) (rgb.getHeight() * scale)));
            jpeg = encode(rgb);
        }
        if (jpeg.length > maxBytes) {
            throw new OversizedImageException("the image cannot be made to fit in " + maxBytes
                    + " bytes as JPEG; upload a smaller image");
        }
        return new TranscodedImage(header, jpeg, rgb.getWidth(), rgb.getHeight());
    }

    /**
     * The smallest whole subsampling step that brings an image within {@link ImageHeader#MAX_SIDE} per side and
     * {@link ImageHeader#MAX_PIXELS} in all (1 for images already within them).
     */
    static int subsamplingWithinLimits(int width, int height) {
        int step = 1;
        while (true) {
            long w = ceilDiv(width, step);
            long h = ceilDiv(height, step);
            if (w <= ImageHeader.MAX_SIDE && h <= ImageHeader.MAX_SIDE && w * h <= ImageHeader.MAX_PIXELS) {
                return step;
            }
            step++;
        }
    }

    private static long ceilDiv(int value, int divisor) {
        return (value + (long) divisor - 1) / divisor;
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format.mediaType()
                    + "; the TwelveMonkeys imageio plugins must be on the class path");
        }
        return readers.next();
    }

    private static ImageHeader headerOf(ImageReader reader) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) {
            throw new IOException("image declares " + width + "x" + height + " pixels");
        }
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            type = types.hasNext() ? types.next() : null;
        }
        if (type == null) {
            return new ImageHeader(width, height, ColourModel.OTHER, 8);
        }
        ColorModel colours = type.getColorModel();
        int bits = 0;
        for (int size : colours.getComponentSize()) {
            bits = Math.max(bits, size);
        }
        return new ImageHeader(width, height, colourModelOf(colours), bits);
    }

    private static ColourModel colourModelOf(ColorModel colours) {
        if (colours instanceof IndexColorModel) {
            return ColourModel.PALETTE;
        }
        boolean alpha = colours.hasAlpha();
        return switch (colours.getColorSpace().getType()) {
            case ColorSpace.TYPE_GRAY -> alpha ? ColourModel.GRAY_ALPHA : ColourModel.GRAY;
            case ColorSpace.TYPE_RGB, ColorSpace.TYPE_YCbCr -> alpha ? ColourModel.RGB_ALPHA : ColourModel.RGB;
            case ColorSpace.TYPE_CMYK, ColorSpace.TYPE_CMY -> ColourModel.CMYK;
            default -> colours.getNumColorComponents() == 4 ? ColourModel.CMYK : ColourModel.OTHER;
        };
    }

    /** Draws the image onto an opaque white RGB canvas of the given size (JPEG has no alpha). */
    private static BufferedImage flattenToRgb(BufferedImage source, int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, width, height);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return canvas;
    }

    private static byte[] encode(BufferedImage rgb) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no ImageIO JPEG writer; every JDK ships one");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), parameters);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a JPEG in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
