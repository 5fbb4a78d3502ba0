package org.emotionanalyser.local.analyser.port;

/** What {@link ImageFetcher#fetchIfChanged} found. */
public sealed interface FetchedImage {

    /** The object is not there (no such bucket, key or version). */
    FetchedImage MISSING = new Missing();

    /** The object's bytes, and its entity tag when the store gives one (null otherwise). */
    record Found(byte[] bytes, String eTag) implements FetchedImage {
    }

    /** The object still has the entity tag the caller gave; its bytes were not transferred. */
    record Unchanged() implements FetchedImage {
    }

    /** No such object. */
    record Missing() implements FetchedImage {
    }

    /**
     * The object is over the size the caller accepts; its body was not read (or not past that size).
     *
     * @param knownSize the object's size when the store declared it, or -1 when it only showed while reading
     */
    record TooLarge(long knownSize) implements FetchedImage {
    }
}
