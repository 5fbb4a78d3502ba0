package org.emotionanalyser.local.runtime.s3;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What the local sweeper needs of one S3 lifecycle rule: which objects it selects and after how many days they
 * expire.
 *
 * @param id                 the rule's {@code ID}, or empty when it has none
 * @param enabled            {@code Status} is {@code Enabled}
 * @param prefix             key prefix of the filter ({@code Filter/Prefix}, {@code Filter/And/Prefix} or the
 *                           legacy {@code Rule/Prefix}); empty selects every key
 * @param sizeGreaterThan    {@code ObjectSizeGreaterThan} in bytes, or -1 for none
 * @param sizeLessThan       {@code ObjectSizeLessThan} in bytes, or -1 for none
 * @param tagged             the filter has a {@code Tag} condition, which the local store cannot evaluate
 * @param expirationDays     {@code Expiration/Days}, or 0 when the rule does not expire objects by age
 */
public record S3LifecycleRule(String id, boolean enabled, String prefix, long sizeGreaterThan, long sizeLessThan,
                       boolean tagged, int expirationDays) {

    /** Whether the sweeper acts on this rule at all. */
    boolean expiresByAge() {
        return enabled && expirationDays > 0 && !tagged;
    }

    /** Whether the rule selects an object of this key and size. */
    boolean selects(String key, long size) {
        return key.startsWith(prefix)
                && (sizeGreaterThan < 0 || size > sizeGreaterThan)
                && (sizeLessThan < 0 || size < sizeLessThan);
    }

    /**
     * When an object written at {@code lastModified} expires: as on S3, the day count is added to the write time
     * and the result rounded up to the next midnight UTC.
     */
    Instant expiryOf(Instant lastModified) {
        LocalDate day = lastModified.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(expirationDays);
        Instant midnight = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant exact = lastModified.plus(Duration.ofDays(expirationDays));
        return exact.equals(midnight) ? midnight : day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
