package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.ingest.port.ImageCodec;
import org.emotionanalyser.ingest.port.ImageStore;
import org.emotionanalyser.router.domain.RejectionReason;

import java.util.Optional;

/**
 * Validates an uploaded object and decides how the analyser gets it, reading as little of it as possible:
 * <ol>
 *     <li>size from the object's metadata: empty and too-large objects are rejected without reading their body;</li>
 *     <li>the first {@value #LEADING_BYTES} bytes (read with the metadata, in one request): the format by magic
 *     bytes, then the header (dimensions, colour model, bit depth) without decoding pixels; the whole object is
 *     read only when the header does not fit;
 *     images over {@link ImageHeader#MAX_SIDE} per side or {@link ImageHeader#MAX_PIXELS} in all are rejected
 *     from the header, before any pixel is decoded;</li>
 *     <li>JPEG and PNG that Rekognition reads as they are go as a stored-object reference (or as their own bytes
 *     where the analyser cannot reach the store); everything else - GIF, BMP, WEBP, CMYK or 12-bit JPEG, 16-bit
 *     PNG, images over the analyser's byte limits - is decoded and re-encoded as an RGB JPEG that fits.</li>
 * </ol>
 */
public record ImageInspector(ImageStore store, ImageCodec codec, ImageDelivery delivery, long maxImageBytes,
                             int minDimension) {

    /** Bytes read to find the format and, usually, the whole header. */
    public static final int LEADING_BYTES = 64 * 1024;
    /** Rekognition's limit for images it reads from S3. */
    public static final long MAX_STORED_OBJECT_BYTES = 15L * 1024 * 1024;
    /** Rekognition's limit for images sent as bytes is 5 MB; this stays under it however the MB is counted. */
    public static final int MAX_ENCODED_BYTES = 5_000_000;

    /**
     * Inspects one object.
     *
     * @param start the object's metadata and first {@value #LEADING_BYTES} bytes, read by the caller
     * @throws ObjectMissingException    when the object disappears while being read
     * @throws StoreUnavailableException when the store fails in a way a retry can fix
     */
    public Inspection inspect(UploadedObject upload, ObjectStart start) {
        ObjectMetadata metadata = start.metadata();
        if (metadata.size() == 0) {
            return new Inspection.Rejected(RejectionReason.EMPTY,
                    "the uploaded object is empty (0 bytes); upload the image file again");
        }
        if (metadata.size() > maxImageBytes) {
            return new Inspection.Rejected(RejectionReason.TOO_LARGE, "the image is " + metadata.size()
                    + " bytes, over the limit of " + maxImageBytes + " bytes; resize or recompress it and upload "
                    + "it again");
        }
        Content content = new Content(upload, metadata.size(), start.leading());
        Optional<ImageFormat> detected = ImageFormat.detect(content.leading);
        if (detected.isEmpty()) {
            return new Inspection.Rejected(RejectionReason.UNSUPPORTED_FORMAT,
                    "the content is not a JPEG, PNG, GIF, BMP or WEBP image (formats are recognised by their first "
                            + "bytes, not by the file name or declared type); convert it to JPEG or PNG");
        }
        ImageFormat format = detected.get();
        try {
            ImageHeader header = readHeader(format, content);
            // Before anything else: a header declaring 50000x1 is too large to decode, not too small to analyse.
            Optional<String> tooLarge = header.overLimits();
            if (tooLarge.isPresent()) {
                return new Inspection.Rejected(RejectionReason.TOO_LARGE, tooLarge.get());
            }
            if (header.smallerThan(minDimension)) {
                return tooSmall(header);
            }
            boolean readable = header.readableByRekognition(format);
            if (readable && delivery == ImageDelivery.STORED_OBJECT && metadata.size() <= MAX_STORED_OBJECT_BYTES) {
                return new Inspection.Accepted(
                        new ImageReference.StoredImage(upload.bucket(), upload.key(), upload.versionId()),
                        format, header, false);
            }
            if (readable && metadata.size() <= MAX_ENCODED_BYTES) {
                return new Inspection.Accepted(new ImageReference.EncodedImage(content.all(), format),
                        format, header, false);
            }
            TranscodedImage jpeg = codec.toJpeg(format, content.all(), MAX_ENCODED_BYTES);
            return new Inspection.Accepted(new ImageReference.EncodedImage(jpeg.jpeg(), ImageFormat.JPEG),
                    format, header, true);
        } catch (CorruptImageException e) {
            return new Inspection.Rejected(RejectionReason.CORRUPT, "the " + format + " image cannot be read ("
                    + e.getMessage() + "); it is damaged or truncated, upload the original file again");
        } catch (OversizedImageException e) {
            return new Inspection.Rejected(RejectionReason.TOO_LARGE, e.getMessage());
        }
    }

    private Inspection tooSmall(ImageHeader header) {
        return new Inspection.Rejected(RejectionReason.TOO_SMALL, "the image is " + header.width() + "x"
                + header.height() + " pixels; faces can only be analysed in images at least " + minDimension
                + " pixels on each side");
    }

    /** The header from the leading bytes, or from the whole object when the header is longer than those. */
    private ImageHeader readHeader(ImageFormat format, Content content) {
        try {
            return codec.readHeader(format, content.leading);
        } catch (CorruptImageException incompleteOrCorrupt) {
            if (content.complete()) {
                throw incompleteOrCorrupt;
            }
            return codec.readHeader(format, content.all());
        }
    }

    /** The bytes read so far, and the rest on demand (at most once). */
    private final class Content {
        private final UploadedObject upload;
        private final long size;
        private final byte[] leading;
        private byte[] all;

        Content(UploadedObject upload, long size, byte[] leading) {
            this.upload = upload;
            this.size = size;
            this.leading = leading;
            if (leading.length >= size) {
                all = leading;
            }
        }

        boolean complete() {
            return all != null;
        }

        byte[] all() {
            if (all == null) {
                all = store.readAll(upload.bucket(), upload.key(), upload.versionId());
            }
            return all;
        }
    }
}
