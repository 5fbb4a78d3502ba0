package org.emotionanalyser.ingest.domain;

import java.util.Optional;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param bitsPerSample bits per colour sample (8 for ordinary JPEGs and PNGs)
 */
public record ImageHeader(int width, int height, ColourModel colourModel, int bitsPerSample) {

    /** Rekognition's documented limit per side (DetectLabels: 10,000 pixels for both width and height). */
    public static final int MAX_SIDE = 10_000;
    /**
     * The pixel budget: images with more pixels are never decoded or sent on. 40 megapixels (e.g. 8000x5000)
     * decode in about 160 MB; a few kilobytes of PNG, GIF or WEBP can declare a picture that needs gigabytes.
     */
    public static final long MAX_PIXELS = 40_000_000L;

    /** The number of pixels the header declares. */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Why the image is too large to analyse, naming the limit and the fix; empty when it is within
     * {@link #MAX_SIDE} per side and {@link #MAX_PIXELS} in all.
     */
    public Optional<String> overLimits() {
        if (width > MAX_SIDE || height > MAX_SIDE) {
            return Optional.of("the image is " + width + "x" + height + " pixels; Rekognition analyses images of at "
                    + "most " + MAX_SIDE + " pixels per side, so resize it to " + MAX_SIDE + " pixels or less on its "
                    + "longer side and upload it again");
        }
        if (pixels() > MAX_PIXELS) {
            return Optional.of("the image is " + width + "x" + height + " pixels (" + pixels() / 1_000_000
                    + " megapixels), over the limit of " + MAX_PIXELS / 1_000_000 + " megapixels (e.g. 8000x5000); "
                    + "resize it and upload it again");
        }
        return Optional.empty();
    }

    /**
     * True when Rekognition reads this JPEG or PNG as it is: 8-bit samples in grey, RGB or a palette, with or
     * without alpha. CMYK/YCCK JPEGs, 12-bit JPEGs and 16-bit PNGs are refused by Rekognition, so they are
     * transcoded instead.
     */
    public boolean readableByRekognition(ImageFormat format) {
        if (!format.readByRekognition() || bitsPerSample > 8) {
            return false;
        }
        return switch (colourModel) {
            case GRAY, RGB -> true;
            case GRAY_ALPHA, RGB_ALPHA, PALETTE -> format == ImageFormat.PNG;
            case CMYK, OTHER -> false;
        };
    }

    /** True when either side is shorter than the given minimum. */
    public boolean smallerThan(int minDimension) {
        return width < minDimension || height < minDimension;
    }
}
