package org.emotionanalyser.local.analyser.domain;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A decoded image as interleaved RGB floats in 0..255, row by row: the form every model input is made from.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final float[] rgb;

    public RgbImage(int width, int height, float[] rgb) {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("RGB data does not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Decodes JPEG or PNG bytes, turned as the JPEG's EXIF Orientation says (as Rekognition does).
     *
     * @throws InvalidImageException when the bytes are not an image ImageIO can read
     */
    public static RgbImage decode(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException("The image could not be decoded (" + e.getMessage() + "); send a JPEG or PNG image.");
        }
        if (image == null) {
            throw new InvalidImageException("The bytes are not a JPEG or PNG image; send a JPEG or PNG image.");
        }
        return fromDecoded(image, bytes);
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
        float[] out = new float[rgb.length];
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
                System.arraycopy(rgb, (sy * width + sx) * 3, out, (oy * outWidth + ox) * 3, 3);
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    /** Copies a decoded image. */
    public static RgbImage fromBufferedImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getData().length == w * h * 3) {
            // the common JPEG case: read the pixel bytes directly, 5-10x faster than getRGB
            byte[] bgr = buffer.getData();
            float[] rgb = new float[w * h * 3];
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2] & 0xff;
                rgb[i + 1] = bgr[i + 1] & 0xff;
                rgb[i + 2] = bgr[i] & 0xff;
            }
            return new RgbImage(w, h, rgb);
        }
        int[] row = new int[w];
        float[] rgb = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x];
                int i = (y * w + x) * 3;
                rgb[i] = (p >> 16) & 0xff;
                rgb[i + 1] = (p >> 8) & 0xff;
                rgb[i + 2] = p & 0xff;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Value of channel {@code c} at pixel (x, y), clamped to the image edge. */
    public float at(int x, int y, int c) {
        int cx = Math.min(Math.max(x, 0), width - 1);
        int cy = Math.min(Math.max(y, 0), height - 1);
        return rgb[(cy * width + cx) * 3 + c];
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
                float fx = (float) (x - x0);
                float fy = (float) (y - y0);
                int o = (oy * outSize + ox) * 3;
                for (int c = 0; c < 3; c++) {
                    float topRow = at(x0, y0, c) * (1 - fx) + at(x0 + 1, y0, c) * fx;
                    float bottomRow = at(x0, y0 + 1, c) * (1 - fx) + at(x0 + 1, y0 + 1, c) * fx;
                    out[o + c] = topRow * (1 - fy) + bottomRow * fy;
                }
            }
        }
        return new RgbImage(outSize, outSize, out);
    }

    private float sample(int x, int y, int c, boolean repeatEdge, float fill) {
        return repeatEdge || (x >= 0 && y >= 0 && x < width && y < height) ? at(x, y, c) : fill;
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
        for (int oy = 0; oy < outHeight; oy++) {
            double y = top + (oy + 0.5) * sy - 0.5;
            int y0 = (int) Math.floor(y);
            float fy = (float) (y - y0);
            for (int ox = 0; ox < outWidth; ox++) {
                double x = left + (ox + 0.5) * sx - 0.5;
                int x0 = (int) Math.floor(x);
                float fx = (float) (x - x0);
                int o = (oy * outWidth + ox) * 3;
                for (int c = 0; c < 3; c++) {
                    float topRow = sample(x0, y0, c, repeatEdge, fill) * (1 - fx) + sample(x0 + 1, y0, c, repeatEdge, fill) * fx;
                    float bottomRow = sample(x0, y0 + 1, c, repeatEdge, fill) * (1 - fx)
                            + sample(x0 + 1, y0 + 1, c, repeatEdge, fill) * fx;
                    out[o + c] = topRow * (1 - fy) + bottomRow * fy;
                }
            }
        }
        return new RgbImage(outWidth, outHeight, out);
    }

    /** The image mirrored left to right. */
    public RgbImage mirrored() {
        float[] out = new float[rgb.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(rgb, (y * width + x) * 3, out, (y * width + (width - 1 - x)) * 3, 3);
            }
        }
        return new RgbImage(width, height, out);
    }

    /** The interleaved RGB values, each mapped as {@code value * scale + offset}: a model's NHWC input. */
    public float[] toNhwc(float scale, float offset) {
        float[] out = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = rgb[i] * scale + offset;
        }
        return out;
    }

    /** Luma (ITU-R BT.601 weights) of each pixel in 0..1, mapped as {@code luma * scale + offset}. */
    public float[] toGray(float scale, float offset) {
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            float luma = (0.2989f * rgb[3 * i] + 0.5870f * rgb[3 * i + 1] + 0.1140f * rgb[3 * i + 2]) / 255f;
            out[i] = luma * scale + offset;
        }
        return out;
    }
}
