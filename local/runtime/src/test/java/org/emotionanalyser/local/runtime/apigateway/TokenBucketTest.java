package org.emotionanalyser.local.runtime.apigateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The bucket against a clock the test moves, so every figure is exact and no test sleeps. */
class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private int taken(TokenBucket bucket, int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            if (bucket.tryTake()) {
                taken++;
            }
        }
        return taken;
    }

    @Test
    void tryTake_whenABurstArrivesAtOnce_allowsExactlyTheBurstThenThrottles() {
        TokenBucket bucket = new TokenBucket(10, 20, now::get);

        assertThat(taken(bucket, 50)).isEqualTo(20);
        assertThat(bucket.tryTake()).isFalse();
    }

    @Test
    void tryTake_whenTimePasses_refillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 20, now::get);
        taken(bucket, 20);

        now.addAndGet(SECOND / 2);

        assertThat(taken(bucket, 50)).isEqualTo(5);
    }

    @Test
    void tryTake_whenIdleLongerThanAFullRefill_holdsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 20, now::get);
        taken(bucket, 20);

        now.addAndGet(60 * SECOND);

        assertThat(taken(bucket, 100)).isEqualTo(20);
    }

    @Test
    void tryTake_whenRequestsComeAtTheRate_neverThrottles() {
        TokenBucket bucket = new TokenBucket(10, 1, now::get);

        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryTake()).as("request %d", i).isTrue();
            now.addAndGet(SECOND / 10);
        }
    }

    @Test
    void tryTake_whenAFractionOfATokenHasRefilled_throttlesUntilAWholeOne() {
        TokenBucket bucket = new TokenBucket(2, 1, now::get);
        assertThat(bucket.tryTake()).isTrue();

        now.addAndGet(SECOND / 4);
        assertThat(bucket.tryTake()).isFalse();
        now.addAndGet(SECOND / 4);
        assertThat(bucket.tryTake()).isTrue();
    }
}
