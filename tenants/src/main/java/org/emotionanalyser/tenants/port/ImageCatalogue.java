package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;

import java.util.List;
import java.util.Optional;

/** The images table: one record per tenant and image. */
public interface ImageCatalogue {

    /** The image's record, if the tenant has one with that id. */
    Optional<ImageRecord> find(String tenantId, String imageId);

    /** Writes the record, replacing any record of the same image. */
    void put(ImageRecord record);

    /**
     * Writes the record unless the image is already recorded, atomically.
     *
     * @return the record now stored: the given one, or the one recorded first (whose analysis time and results
     *         win, so redeliveries and reader retries never change an image's keys)
     */
    ImageRecord recordIfAbsent(ImageRecord record);

    /**
     * One page of the tenant's images, newest first: by analysis (or rejection) time, descending, then by image id,
     * descending. The order comes from an index that is updated shortly after writes, so an image recorded a moment
     * ago may not be listed yet.
     *
     * <p>With a status filter the work per call is capped: when the cap is reached before the page is full, the page
     * holds what was found so far (possibly nothing) and a token that resumes the scan where it stopped. A
     * {@code null} token, never a short page, marks the end.
     *
     * @param status    only images with this status, or {@code null} for all
     * @param limit     at most this many items (1 to 1000)
     * @param pageToken {@code null} for the first page, else a token from the previous page of the same listing
     * @throws InvalidPageTokenException when the token was issued for another tenant or listing, or is malformed
     */
    Page<ImageRecord> list(String tenantId, ImageStatus status, int limit, String pageToken);

    /**
     * Up to {@code limit} of the tenant's records, in image id order, read consistently: a record removed before the
     * call is never returned. For removing all of a tenant's records, where time order does not matter but seeing
     * every record does.
     *
     * @param limit 1 to 1000
     */
    List<ImageRecord> firstInKeyOrder(String tenantId, int limit);

    /** Removes the record; nothing happens when there is none. */
    void delete(String tenantId, String imageId);
}
