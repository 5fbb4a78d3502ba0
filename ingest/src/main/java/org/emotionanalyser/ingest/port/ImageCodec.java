package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.ImageHeader;
import org.emotionanalyser.ingest.domain.TranscodedImage;

/**
 * Reads image headers and re-encodes images the analyser cannot read.
 * Both methods throw {@link org.emotionanalyser.ingest.domain.CorruptImageException} for unreadable data and
 * {@link org.emotionanalyser.ingest.domain.OversizedImageException} for images that cannot be made to fit.
 */
public interface ImageCodec {

    /**
     * The header of an image from its first bytes, without decoding pixels.
     *
     * @throws org.emotionanalyser.ingest.domain.CorruptImageException also when the bytes end before the header
     *                                                                does; callers with more bytes may try again
     */
    ImageHeader readHeader(ImageFormat format, byte[] leadingBytes);

    /**
     * Decodes a whole image and encodes it as a baseline 8-bit RGB JPEG of at most {@code maxBytes}, scaling it
     * down when it would not fit. Images over {@link org.emotionanalyser.ingest.domain.ImageHeader#MAX_SIDE} per
     * side or {@link org.emotionanalyser.ingest.domain.ImageHeader#MAX_PIXELS} are decoded subsampled, so the
     * decoded picture and the JPEG are within those limits whatever the header declares. Transparency is
     * flattened onto white.
     */
    TranscodedImage toJpeg(ImageFormat format, byte[] image, int maxBytes);
}
