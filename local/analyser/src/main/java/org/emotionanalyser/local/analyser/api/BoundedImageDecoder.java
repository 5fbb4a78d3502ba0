package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.local.analyser.domain.ImageReaders;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * Decodes request images the way Rekognition bounds them: the dimensions are read from the header (ImageIO
 * {@link ImageReader} metadata) before a pixel is decoded, images over the operation's limit are refused with
 * {@link ImageTooLargeException}, and large but allowed images are decoded subsampled, so a decoded image never
 * holds more than {@link #MAX_DECODED_SIDE} pixels per side whatever the upload's size. The JDK's readers decode
 * first, whatever else is on the classpath ({@link ImageReaders}).
 *
 * <p>Limits: {@code DetectLabels} refuses more than {@value #MAX_SIDE} pixels per side (Rekognition's documented
 * limit); Rekognition documents no dimension limit for {@code DetectFaces} and {@code RecognizeCelebrities}, so
 * the local analyser applies the same per-side limit and its own budget of {@value #MAX_PIXELS} pixels to every
 * operation, which bounds the decoding time of a tiny file declaring a huge picture. The message says whose
 * limit it is.
 */
public final class BoundedImageDecoder {

    /** Rekognition's documented DetectLabels limit per side. */
    public static final int MAX_SIDE = 10_000;
    /** The local analyser's pixel budget for every operation (40 megapixels, e.g. 8000x5000). */
    public static final long MAX_PIXELS = 40_000_000L;
    /**
     * Longest side kept when decoding. The models look at 128-512 px inputs and face crops; 2048 px keeps 1920 px
     * photos whole and bounds one decoded image to 2048 x 2048 x 3 8-bit samples (12 MB).
     */
    public static final int MAX_DECODED_SIDE = 2048;

    /**
     * Decodes JPEG or PNG bytes for {@code operation}.
     *
     * @throws ImageTooLargeException       when the header declares more than the operation accepts
     * @throws InvalidImageFormatException  when the bytes are not an image that can be read
     */
    public RgbImage decode(byte[] data, String operation) {
        try {
            Optional<BufferedImage> image = ImageReaders.read(data, reader -> {
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                checkLimits(width, height, operation);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height);
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            });
            return RgbImage.fromDecoded(image.orElseThrow(() -> new InvalidImageFormatException("Request has invalid "
                    + "image format: the bytes are not a JPEG or PNG image; send a JPEG or PNG image.")), data);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageTooLargeException || e instanceof InvalidImageFormatException) {
                throw (RuntimeException) e;
            }
            throw undecodable(e);
        }
    }

    private static InvalidImageFormatException undecodable(Exception cause) {
        return new InvalidImageFormatException("Request has invalid image format: the image could not be "
                + "decoded (" + cause.getMessage() + "); send a JPEG or PNG image.");
    }

    private static void checkLimits(int width, int height, String operation) {
        if (width <= 0 || height <= 0) {
            throw new InvalidImageFormatException("Request has invalid image format: the image declares " + width
                    + "x" + height + " pixels.");
        }
        if ("DetectLabels".equals(operation) && (width > MAX_SIDE || height > MAX_SIDE)) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " pixels; DetectLabels "
                    + "accepts at most " + MAX_SIDE + " pixels for both width and height. Resize the image.");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || (long) width * height > MAX_PIXELS) {
            throw new ImageTooLargeException("The image is " + width + "x" + height + " pixels; " + operation
                    + " in the local analyser accepts at most " + MAX_SIDE + " pixels per side and "
                    + MAX_PIXELS / 1_000_000 + " megapixels in all. Resize the image.");
        }
    }

    /** The smallest whole step that brings the longer side to {@link #MAX_DECODED_SIDE} or less. */
    static int subsampling(int width, int height) {
        int longer = Math.max(width, height);
        return Math.max(1, (longer + MAX_DECODED_SIDE - 1) / MAX_DECODED_SIDE);
    }
}
