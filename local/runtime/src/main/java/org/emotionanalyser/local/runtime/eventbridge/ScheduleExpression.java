package org.emotionanalyser.local.runtime.eventbridge;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge schedule expression: {@code rate(5 minutes)} or
 * {@code cron(minutes hours day-of-month month day-of-week year)} in UTC. Cron fields take values, names
 * ({@code JAN}, {@code MON}), lists, ranges, {@code *}, {@code ?} and steps ({@code 0/15}); day of week counts
 * 1 = Sunday as in EventBridge. The {@code L}, {@code W} and {@code #} forms are not supported.
 */
public final class ScheduleExpression {

    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final String text;
    private final Duration rate;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private ScheduleExpression(String text, Duration rate, String[] fields) {
        this.text = text;
        this.rate = rate;
        if (fields == null) {
            minutes = hours = daysOfMonth = months = daysOfWeek = years = null;
            anyDayOfMonth = anyDayOfWeek = true;
            return;
        }
        minutes = field(fields[0], 0, 59, List.of(), 0);
        hours = field(fields[1], 0, 23, List.of(), 0);
        daysOfMonth = field(fields[2], 1, 31, List.of(), 0);
        months = field(fields[3], 1, 12, MONTHS, 1);
        daysOfWeek = field(fields[4], 1, 7, DAYS, 1);
        years = field(fields[5], 1970, 2199, List.of(), 0);
        anyDayOfMonth = fields[2].equals("?") || fields[2].equals("*");
        anyDayOfWeek = fields[4].equals("?") || fields[4].equals("*");
    }

    /**
     * @throws InvalidScheduleException when the expression is neither a rate nor a supported cron
     */
    public static ScheduleExpression parse(String expression) {
        String text = expression.trim();
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            if (amount < 1) {
                throw new InvalidScheduleException(expression + ": the rate must be at least 1");
            }
            ChronoUnit unit = rate.group(2).startsWith("minute") ? ChronoUnit.MINUTES
                    : rate.group(2).startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            return new ScheduleExpression(text, Duration.of(amount, unit), null);
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().toUpperCase(Locale.ROOT).split("\\s+");
            if (fields.length != 6) {
                throw new InvalidScheduleException(expression + ": a cron expression has six fields "
                        + "(minutes hours day-of-month month day-of-week year)");
            }
            return new ScheduleExpression(text, null, fields);
        }
        throw new InvalidScheduleException(expression + " is neither rate(...) nor cron(...)");
    }

    /** The first time strictly after {@code after} at which the schedule fires. */
    public Instant nextAfter(Instant after) {
        if (rate != null) {
            return after.plus(rate);
        }
        ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!years.get(t.getYear() - 1970) || !months.get(t.getMonthValue())) {
                t = t.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
            } else if (!dayMatches(t)) {
                t = t.plusDays(1).withHour(0).withMinute(0);
            } else if (!hours.get(t.getHour())) {
                t = t.plusHours(1).withMinute(0);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.toInstant();
            }
        }
        throw new InvalidScheduleException(text + " never fires in the next five years");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        // java: MONDAY=1..SUNDAY=7; EventBridge: SUN=1..SAT=7
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7 + 1);
        if (anyDayOfMonth) {
            return dow;
        }
        if (anyDayOfWeek) {
            return dom;
        }
        return dom && dow;
    }

    private BitSet field(String spec, int min, int max, List<String> names, int nameBase) {
        BitSet values = new BitSet();
        for (String part : spec.split(",")) {
            if (part.equals("*") || part.equals("?")) {
                values.set(min, max + 1);
                continue;
            }
            if (part.contains("L") && !names.contains(part) || part.contains("W") && !names.contains(part)
                    || part.contains("#")) {
                throw new InvalidScheduleException(text + ": '" + part + "' (L, W, #) is not supported locally");
            }
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = value(ends[0], names, nameBase);
                to = value(ends[1], names, nameBase);
            } else {
                from = value(range, names, nameBase);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to || step < 1) {
                throw new InvalidScheduleException(text + ": '" + part + "' is outside " + min + "-" + max);
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        if (min == 1970) {
            BitSet shifted = new BitSet();
            values.stream().forEach(v -> shifted.set(v - 1970));
            return shifted;
        }
        return values;
    }

    private int value(String token, List<String> names, int nameBase) {
        int index = names.indexOf(token);
        if (index >= 0) {
            return index + nameBase;
        }
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new InvalidScheduleException(text + ": '" + token + "' is not a number or a name");
        }
    }

    @Override
    public String toString() {
        return text;
    }

    /** A schedule expression local mode cannot run. */
    public static final class InvalidScheduleException extends EmotionAnalyserException {
        InvalidScheduleException(String message) {
            super("InvalidScheduleExpression", message);
        }
    }
}
