package org.emotionanalyser.local.analyser.domain;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.util.Optional;

/**
 * An image as interleaved RGB values in 0..255, row by row: the form every model input is made from.
 *
 * <p>A decoded photo keeps the decoder's own 8-bit samples (blue, green, red per pixel, as ImageIO's
 * {@code TYPE_3BYTE_BGR} holds them) instead of a float copy: a 1920 x 1400 photo is then 8 MB instead of 32 MB,
 * and nothing is copied after decoding. Crops and resized images, whose values fall between whole numbers, are
 * floats. Every value reads the same either way: an 8-bit sample is exactly the float it stands for.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    /** The values as floats in R, G, B order, or null when {@link #bgr} holds them. */
    private final float[] rgb;
    /** The values as unsigned bytes in B, G, R order, or null when {@link #rgb} holds them. */
    private final byte[] bgr;

    public RgbImage(int width, int height, float[] rgb) {
        this(width, height, rgb, null);
    }

    private RgbImage(int width, int height, float[] rgb, byte[] bgr) {
        int length = rgb != null ? rgb.length : bgr.length;
        if (width <= 0 || height <= 0 || length != width * height * 3) {
            throw new IllegalArgumentException("RGB data does not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.bgr = bgr;
    }

    /** An image over 8-bit samples in blue, green, red order (kept, not copied). */
    static RgbImage ofBgrBytes(int width, int height, byte[] bgr) {
        return new RgbImage(width, height, null, bgr);
    }

    /**
     * Decodes JPEG or PNG bytes, turned as the JPEG's EXIF Orientation says (as Rekognition does), with the JDK's
     * readers first ({@link ImageReaders}).
     *
     * @throws InvalidImageException when the bytes are not an image ImageIO can read
     */
    public static RgbImage decode(byte[] bytes) {
        Optional<BufferedImage> image;
        try {
            image = ImageReaders.read(bytes, reader -> reader.read(0));
        } catch (IOException | RuntimeException e) {
            // a damaged file can make a reader throw anything; it is still just an image that cannot be read
            throw new InvalidImageException("The image could not be decoded (" + e.getMessage()
                    + "); send a JPEG or PNG image.");
        }
        return fromDecoded(image.orElseThrow(() -> new InvalidImageException(
                "The bytes are not a JPEG or PNG image; send a JPEG or PNG image.")), bytes);
    }

    /**
     * A decoded image (possibly subsampled) turned as the EXIF Orientation of its encoded bytes says, as Rekognition
     * does: every decoder of the analyser goes through here, so none forgets the orientation.
     */
    public static RgbImage fromDecoded(BufferedImage image, byte[] encoded) {
        return fromBufferedImage(image).oriented(ExifOrientation.of(encoded));
    }

    /** The image turned for display by EXIF orientation 1..8 (1: as stored; 6: turned 90 degrees clockwise). */
    RgbImage oriented(int orientation) {
        if (orientation == ExifOrientation.NORMAL) {
            return this;
        }
        boolean swap = orientation >= 5;
        int outWidth = swap ? height : width;
        int outHeight = swap ? width : height;
        Object values = values();
        Object out = sameKindOfArray();
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                int sx = switch (orientation) {
                    case 2, 3 -> width - 1 - ox;
                    case 5, 6 -> oy;
                    case 7, 8 -> width - 1 - oy;
                    default -> ox;
                };
                int sy = switch (orientation) {
                    case 3, 4 -> height - 1 - oy;
                    case 5, 8 -> ox;
                    case 6, 7 -> height - 1 - ox;
                    default -> oy;
                };
                System.arraycopy(values, (sy * width + sx) * 3, out, (oy * outWidth + ox) * 3, 3);
            }
        }
        return withValues(outWidth, outHeight, out);
    }

    /** A decoded image: its 8-bit samples kept as they are when ImageIO decoded to {@code TYPE_3BYTE_BGR}. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0 && buffer.getData().length == w * h * 3
                && image.getRaster().getSampleModel() instanceof ComponentSampleModel layout
                && layout.getPixelStride() == 3 && layout.getScanlineStride() == w * 3
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0) {
            // the common JPEG case: the decoder's own array, no copy
            return ofBgrBytes(w, h, buffer.getData());
        }
        int[] row = new int[w];
        byte[] bgr = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                bgr[i] = (byte) p;
                bgr[i + 1] = (byte) (p >> 8);
                bgr[i + 2] = (byte) (p >> 16);
            }
        }
        return ofBgrBytes(w, h, bgr);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The memory the values take: one byte per sample for a decoded photo, four for a crop. */
    public long bytesHeld() {
        return (long) width * height * 3 * (bgr != null ? 1 : Float.BYTES);
    }

    /** Value of channel {@code c} at pixel (x, y), clamped to the image edge. */
    public float at(int x, int y, int c) {
        int pixel = (clampRow(y) * width + clampColumn(x)) * 3;
        return rgb != null ? rgb[pixel + c] : bgr[pixel + 2 - c] & 0xff;
    }

    /**
     * A square of side {@code side} pixels centred on ({@code centreX}, {@code centreY}) and turned by
     * {@code angle} radians (clockwise in image coordinates, where y points down), resampled bilinearly to
     * {@code outSize x outSize}; edge pixels repeat outside the image. Used to level a face whose eyes are tilted.
     */
    public RgbImage rotatedCrop(double centreX, double centreY, double side, double angle, int outSize) {
        float[] out = new float[outSize * outSize * 3];
        double step = side / outSize;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int oy = 0; oy < outSize; oy++) {
            double v = (oy + 0.5) * step - side / 2;
            for (int ox = 0; ox < outSize; ox++) {
                double u = (ox + 0.5) * step - side / 2;
                double x = centreX + u * cos - v * sin - 0.5;
                double y = centreY + u * sin + v * cos - 0.5;
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                int left = clampColumn(x0);
                int right = clampColumn(x0 + 1);
                int upper = clampRow(y0) * width;
                int lower = clampRow(y0 + 1) * width;
                interpolate(out, (oy * outSize + ox) * 3, (upper + left) * 3, (upper + right) * 3,
                        (lower + left) * 3, (lower + right) * 3, (float) (x - x0), (float) (y - y0), 0f);
            }
        }
        return new RgbImage(outSize, outSize, out);
    }

    private int clampColumn(int x) {
        return Math.min(Math.max(x, 0), width - 1);
    }

    private int clampRow(int y) {
        return Math.min(Math.max(y, 0), height - 1);
    }

    /**
     * Writes the three channels of one output pixel, bilinear between four source pixels given by the index of
     * their red value (-1: outside the image, read as {@code fill}). The neighbours are found once per output pixel
     * rather than by a clamped read per channel and neighbour: this runs for every pixel of every detector input and
     * face crop, and in local mode's C1-compiled code those per-sample calls cost more CPU than the models they
     * feed. The arithmetic is the textbook form's, operation for operation, so every value is the same to the last
     * bit (RgbImageTest).
     */
    private void interpolate(float[] out, int o, int topLeft, int topRight, int bottomLeft, int bottomRight,
                             float fx, float fy, float fill) {
        float gx = 1 - fx;
        float gy = 1 - fy;
        if (bgr != null) {
            // the same arithmetic on the same values: a byte's value converts to float exactly
            for (int c = 0; c < 3; c++) {
                int k = 2 - c;
                float a = topLeft < 0 ? fill : bgr[topLeft + k] & 0xff;
                float b = topRight < 0 ? fill : bgr[topRight + k] & 0xff;
                float d = bottomLeft < 0 ? fill : bgr[bottomLeft + k] & 0xff;
                float e = bottomRight < 0 ? fill : bgr[bottomRight + k] & 0xff;
                float topRow = a * gx + b * fx;
                float bottomRow = d * gx + e * fx;
                out[o + c] = topRow * gy + bottomRow * fy;
            }
            return;
        }
        for (int c = 0; c < 3; c++) {
            float a = topLeft < 0 ? fill : rgb[topLeft + c];
            float b = topRight < 0 ? fill : rgb[topRight + c];
            float d = bottomLeft < 0 ? fill : rgb[bottomLeft + c];
            float e = bottomRight < 0 ? fill : rgb[bottomRight + c];
            float topRow = a * gx + b * fx;
            float bottomRow = d * gx + e * fx;
            out[o + c] = topRow * gy + bottomRow * fy;
        }
    }

    /** The whole image resized to {@code outWidth x outHeight} (bilinear). */
    public RgbImage resize(int outWidth, int outHeight) {
        return crop(0, 0, width, height, outWidth, outHeight);
    }

    /**
     * The region [left, right) x [top, bottom) in pixels (may reach outside the image, whose edge pixels then
     * repeat) resampled bilinearly to {@code outWidth x outHeight}.
     */
    public RgbImage crop(double left, double top, double right, double bottom, int outWidth, int outHeight) {
        return crop(left, top, right, bottom, outWidth, outHeight, Float.NaN);
    }

    /**
     * Like {@link #crop(double, double, double, double, int, int)}, but the part outside the image is filled with the
     * grey level {@code fill} (0..255) instead of repeating the edge: a detector then sees the image smaller on a
     * plain background, not smeared edge stripes.
     */
    public RgbImage cropOnBackground(double left, double top, double right, double bottom, int outWidth, int outHeight,
                                     float fill) {
        return crop(left, top, right, bottom, outWidth, outHeight, fill);
    }

    private RgbImage crop(double left, double top, double right, double bottom, int outWidth, int outHeight, float fill) {
        boolean repeatEdge = Float.isNaN(fill);
        float[] out = new float[outWidth * outHeight * 3];
        double sx = (right - left) / outWidth;
        double sy = (bottom - top) / outHeight;
        // Every row reads the same two source columns for a given output column: found once, not once per pixel.
        int[] leftColumn = new int[outWidth];
        int[] rightColumn = new int[outWidth];
        float[] columnWeight = new float[outWidth];
        for (int ox = 0; ox < outWidth; ox++) {
            double x = left + (ox + 0.5) * sx - 0.5;
            int x0 = (int) Math.floor(x);
            columnWeight[ox] = (float) (x - x0);
            leftColumn[ox] = repeatEdge || (x0 >= 0 && x0 < width) ? clampColumn(x0) : -1;
            rightColumn[ox] = repeatEdge || (x0 + 1 >= 0 && x0 + 1 < width) ? clampColumn(x0 + 1) : -1;
        }
        for (int oy = 0; oy < outHeight; oy++) {
            double y = top + (oy + 0.5) * sy - 0.5;
            int y0 = (int) Math.floor(y);
            float fy = (float) (y - y0);
            int upper = repeatEdge || (y0 >= 0 && y0 < height) ? clampRow(y0) * width : -1;
            int lower = repeatEdge || (y0 + 1 >= 0 && y0 + 1 < height) ? clampRow(y0 + 1) * width : -1;
            for (int ox = 0; ox < outWidth; ox++) {
                int l = leftColumn[ox];
                int r = rightColumn[ox];
                interpolate(out, (oy * outWidth + ox) * 3,
                        upper < 0 || l < 0 ? -1 : (upper + l) * 3, upper < 0 || r < 0 ? -1 : (upper + r) * 3,
                        lower < 0 || l < 0 ? -1 : (lower + l) * 3, lower < 0 || r < 0 ? -1 : (lower + r) * 3,
                        columnWeight[ox], fy, fill);
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    /** The image mirrored left to right. */
    public RgbImage mirrored() {
        Object values = values();
        Object out = sameKindOfArray();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(values, (y * width + x) * 3, out, (y * width + (width - 1 - x)) * 3, 3);
            }
        }
        return withValues(width, height, out);
    }

    /** The backing array, float[] or byte[]: whole pixels move with System.arraycopy in either. */
    private Object values() {
        return rgb != null ? rgb : bgr;
    }

    private Object sameKindOfArray() {
        return rgb != null ? new float[rgb.length] : new byte[bgr.length];
    }

    private static RgbImage withValues(int width, int height, Object values) {
        return values instanceof float[] floats ? new RgbImage(width, height, floats)
                : ofBgrBytes(width, height, (byte[]) values);
    }

    /** The interleaved RGB values, each mapped as {@code value * scale + offset}: a model's NHWC input. */
    public float[] toNhwc(float scale, float offset) {
        float[] out = new float[width * height * 3];
        if (bgr != null) {
            for (int i = 0; i < out.length; i += 3) {
                out[i] = (bgr[i + 2] & 0xff) * scale + offset;
                out[i + 1] = (bgr[i + 1] & 0xff) * scale + offset;
                out[i + 2] = (bgr[i] & 0xff) * scale + offset;
            }
            return out;
        }
        for (int i = 0; i < rgb.length; i++) {
            out[i] = rgb[i] * scale + offset;
        }
        return out;
    }

    /** Luma (ITU-R BT.601 weights) of each pixel in 0..1, mapped as {@code luma * scale + offset}. */
    public float[] toGray(float scale, float offset) {
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            float red = rgb != null ? rgb[3 * i] : bgr[3 * i + 2] & 0xff;
            float green = rgb != null ? rgb[3 * i + 1] : bgr[3 * i + 1] & 0xff;
            float blue = rgb != null ? rgb[3 * i + 2] : bgr[3 * i] & 0xff;
            float luma = (0.2989f * red + 0.5870f * green + 0.1140f * blue) / 255f;
            out[i] = luma * scale + offset;
        }
        return out;
    }
}
