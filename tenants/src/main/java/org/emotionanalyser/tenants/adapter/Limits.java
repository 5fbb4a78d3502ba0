package org.emotionanalyser.tenants.adapter;

/** Bounds shared by the listings. */
final class Limits {

    /** The largest page a listing returns. */
    static final int MAX_PAGE_SIZE = 1000;

    private Limits() {
    }

    /** Page sizes are validated by the API; reaching here with a bad one is a programming error. */
    static void requirePageLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page limit must be 1 to " + MAX_PAGE_SIZE + ", was " + limit);
        }
    }
}
