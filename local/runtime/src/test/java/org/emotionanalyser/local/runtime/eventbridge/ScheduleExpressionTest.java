package org.emotionanalyser.local.runtime.eventbridge;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleExpressionTest {

    private static final Instant SATURDAY_NOON = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void nextAfter_whenDailyCron_expectNextQuarterPastMidnight() {
        assertThat(ScheduleExpression.parse("cron(15 0 * * ? *)").nextAfter(SATURDAY_NOON))
                .isEqualTo(Instant.parse("2026-11-22T00:15:00Z"));
    }

    @Test
    void nextAfter_whenWeeklyCronOnMonday_expectMondayNineUtc() {
        assertThat(ScheduleExpression.parse("cron(0 9 ? * MON *)").nextAfter(SATURDAY_NOON))
                .isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void nextAfter_whenNumericDayOfWeek_expectSundayIsOne() {
        assertThat(ScheduleExpression.parse("cron(30 6 ? * 1 *)").nextAfter(SATURDAY_NOON))
                .isEqualTo(Instant.parse("2026-11-22T06:30:00Z"));
    }

    @Test
    void nextAfter_whenStepsAndRanges_expectNextMatchingMinute() {
        assertThat(ScheduleExpression.parse("cron(0/20 12-13 * * ? *)").nextAfter(SATURDAY_NOON))
                .isEqualTo(Instant.parse("2026-11-21T12:20:00Z"));
    }

    @Test
    void nextAfter_whenRate_expectOnePeriodLater() {
        assertThat(ScheduleExpression.parse("rate(5 minutes)").nextAfter(SATURDAY_NOON))
                .isEqualTo(Instant.parse("2026-11-21T12:05:00Z"));
    }

    @Test
    void parse_whenUnsupportedForm_expectErrorNamingIt() {
        assertThatThrownBy(() -> ScheduleExpression.parse("cron(0 10 ? * 6#3 *)"))
                .hasMessageContaining("6#3");
        assertThatThrownBy(() -> ScheduleExpression.parse("every day")).hasMessageContaining("every day");
    }
}
