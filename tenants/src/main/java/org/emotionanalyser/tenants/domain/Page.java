package org.emotionanalyser.tenants.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param nextToken opaque token for the next page, {@code null} when this is the last page. It is bound to the
 *                  tenant and listing it was issued for: presented elsewhere it is refused with
 *                  {@link InvalidPageTokenException}.
 */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The token for the next page, empty on the last page. */
    public Optional<String> next() {
        return Optional.ofNullable(nextToken);
    }
}
