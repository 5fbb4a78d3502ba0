package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.ingest.port.ImageStore;
import org.emotionanalyser.ingest.port.UploadUrlSigner;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.UploadKeys;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The upload API's use cases: store an image sent through the API, or hand out a presigned URL for a large one.
 * Either way the object lands at {@code uploads/{tenantId}/{new imageId}.{ext}}, so the id returned here is the
 * id the reader publishes. The tenant id must already be validated and authorised.
 *
 * @param maxDirectUploadBytes the largest image accepted in an API request (by {@link #store})
 * @param maxImageBytes        the largest image a presigned upload may declare: the reader's limit, beyond
 *                             which it would only reject the image
 */
public record UploadService(ImageStore store, UploadUrlSigner signer, String bucket, int maxDirectUploadBytes,
                            long maxImageBytes) {

    /** How long a presigned upload URL works. */
    public static final Duration PRESIGNED_URL_VALIDITY = Duration.ofMinutes(15);
    private static final String DATA_URL_PREFIX = "data:";
    private static final String DATA_URL_MARKER = ";base64,";

    /**
     * Stores an image sent in the request. Its format comes from its magic bytes; a declared media type, when
     * given, must be an accepted one.
     *
     * @param declaredMediaType the request's Content-Type, or null when the request did not declare one
     */
    public AcceptedUpload store(String tenantId, String rawName, String declaredMediaType, byte[] image) {
        OriginalName name = OriginalName.of(rawName);
        if (declaredMediaType != null) {
            requireAccepted(declaredMediaType);
        }
        requireFits(tenantId, image.length);
        if (image.length == 0) {
            throw new InvalidUploadException("the image is empty; send the image file's bytes");
        }
        ImageFormat format = ImageFormat.detect(image).orElseThrow(() -> new UnsupportedImageTypeException(
                "the content is not an image of an accepted type (checked by its first bytes); accepted: "
                        + String.join(", ", ImageFormat.acceptedMediaTypes())));
        String imageId = ImageId.newRandom();
        String key = UploadKeys.uploadKey(tenantId, imageId, format.extension());
        store.put(bucket, key, image, format.mediaType(), Map.of(OriginalName.METADATA_KEY, name.forMetadata()));
        return new AcceptedUpload(imageId, key, location(tenantId, imageId), null);
    }

    /**
     * Stores an image sent as base64 text (a binary body as API Gateway delivers it, or a JSON field), or as a data
     * URL ({@code data:image/png;base64,...}, as browsers' FileReader produce), whose media type stands in for an
     * undeclared one. The size is checked from the text's length before anything is decoded.
     *
     * @param what names the text in messages, e.g. {@code "the request body"}
     */
    public AcceptedUpload storeBase64(String tenantId, String rawName, String declaredMediaType, String data,
                                      String what) {
        if (declaredMediaType != null) {
            requireAccepted(declaredMediaType);
        }
        if (data == null || data.isBlank()) {
            throw new InvalidUploadException(what + " is required: the image file encoded as base64");
        }
        String mediaType = declaredMediaType;
        int marker = data.startsWith(DATA_URL_PREFIX) ? data.indexOf(DATA_URL_MARKER) : -1;
        if (marker > 0) {
            if (mediaType == null) {
                mediaType = data.substring(DATA_URL_PREFIX.length(), marker);
            }
            data = data.substring(marker + DATA_URL_MARKER.length());
        }
        return store(tenantId, rawName, mediaType, decodeBase64(tenantId, data, what));
    }

    /**
     * Decodes base64 after checking, from its length alone, that the result can fit. Base64 wrapped in lines (as
     * MIME writes it) is accepted too. The body is decoded as it is first and only unwrapped when that fails: the
     * usual unwrapped body of a megabyte is then read once by the decoder, not also twice by searches for line
     * breaks. Line breaks only make the length an overestimate, so a body over the limit by its length is measured
     * again without them before it is refused.
     */
    private byte[] decodeBase64(String tenantId, String data, String what) {
        String compact = data.strip();
        if (decodedLength(compact) > maxDirectUploadBytes) {
            compact = withoutLineBreaks(compact);
        }
        requireFits(tenantId, decodedLength(compact));
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException notPlainBase64) {
            String unwrapped = withoutLineBreaks(compact);
            if (unwrapped.length() == compact.length()) {
                throw malformedBase64(what, notPlainBase64);
            }
            try {
                return Base64.getDecoder().decode(unwrapped);
            } catch (IllegalArgumentException e) {
                throw malformedBase64(what, e);
            }
        }
    }

    /** The most bytes base64 of this length decodes to. */
    private static long decodedLength(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) base64.length() / 4 * 3 - padding;
    }

    private static String withoutLineBreaks(String base64) {
        return base64.indexOf('\n') >= 0 || base64.indexOf('\r') >= 0 ? base64.replaceAll("[\\r\\n]", "") : base64;
    }

    private static InvalidUploadException malformedBase64(String what, IllegalArgumentException cause) {
        return InvalidUploadException.malformedBody(what + " is not valid base64 (" + cause.getMessage() + ")");
    }

    /** Rejects, before decoding anything, a request whose body is certainly over the limit. */
    public void requireFits(String tenantId, long bytes) {
        if (bytes > maxDirectUploadBytes) {
            throw new UploadTooLargeException("the image is " + bytes + " bytes; images sent through the API may be "
                    + "at most " + maxDirectUploadBytes + " bytes. For larger images ask for an upload URL with "
                    + "POST /tenants/" + tenantId + "/uploads {\"name\", \"contentType\"} and PUT the image there");
        }
    }

    /**
     * A presigned PUT URL for an image the client sends to the store itself: single-use (a second PUT to it is
     * refused) and only for exactly {@code contentLength} bytes, so one URL is one analysed image.
     *
     * @param contentLength the image's size in bytes, 1 to the reader's limit; required
     */
    public AcceptedUpload presign(String tenantId, String rawName, String mediaType, Long contentLength) {
        OriginalName name = OriginalName.of(rawName);
        if (mediaType == null || mediaType.isBlank()) {
            throw new InvalidUploadException("'contentType' is required, e.g. \"image/jpeg\"; accepted: "
                    + String.join(", ", ImageFormat.acceptedMediaTypes()));
        }
        ImageFormat format = requireAccepted(mediaType);
        if (contentLength == null || contentLength < 1) {
            throw new InvalidUploadException("'contentLength' is required: the image file's size in bytes (the "
                    + "upload URL only accepts exactly that many)");
        }
        if (contentLength > maxImageBytes) {
            throw new UploadTooLargeException("the image is " + contentLength + " bytes; images may be at most "
                    + maxImageBytes + " bytes");
        }
        String imageId = ImageId.newRandom();
        String key = UploadKeys.uploadKey(tenantId, imageId, format.extension());
        PresignedUpload presigned = signer.presignPut(bucket, key, format.mediaType(), contentLength,
                Map.of(OriginalName.METADATA_KEY, name.forMetadata()), PRESIGNED_URL_VALIDITY);
        return new AcceptedUpload(imageId, key, location(tenantId, imageId), presigned);
    }

    /**
     * The format of an accepted media type.
     *
     * @throws UnsupportedImageTypeException listing the accepted types otherwise
     */
    public static ImageFormat requireAccepted(String mediaType) {
        Optional<ImageFormat> format = ImageFormat.fromMediaType(mediaType);
        return format.orElseThrow(() -> new UnsupportedImageTypeException("images of type '"
                + printable(mediaType) + "' are not accepted; accepted: "
                + String.join(", ", ImageFormat.acceptedMediaTypes())));
    }

    /** Echoes a client-supplied type safely: short, printable ASCII only. */
    private static String printable(String text) {
        String ascii = text.replaceAll("[^\\x20-\\x7e]", "?");
        return ascii.length() > 60 ? ascii.substring(0, 60) + "..." : ascii;
    }

    private static String location(String tenantId, String imageId) {
        return "/tenants/" + tenantId + "/images/" + imageId;
    }
}
