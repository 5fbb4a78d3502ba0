package org.emotionanalyser.ingest.domain;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param bitsPerSample bits per colour sample (8 for ordinary JPEGs and PNGs)
 */
public record ImageHeader(int width, int height, ColourModel colourModel, int bitsPerSample) {

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
