package org.emotionanalyser.local.runtime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold start's phases in milliseconds, as {@link ColdStartProbe} prints them on one line of its output and
 * {@link ColdStartBenchmark} reads them back: JVM start to {@code main}, handler construction (init), first
 * invocation, JVM start to the end of the first invocation (cold total), second invocation (warm).
 */
record ColdStartPhases(long jvmToMain, long init, long firstInvocation, long coldTotal, long warmInvocation) {

    private static final String PREFIX = "COLD ";
    private static final Pattern LINE = Pattern.compile("^" + PREFIX + "(.*)$", Pattern.MULTILINE);
    private static final List<String> NAMES = List.of("jvm-to-main", "init", "first-invocation", "total",
            "warm-invocation");

    /** The line the probe prints. */
    String line() {
        long[] values = {jvmToMain, init, firstInvocation, coldTotal, warmInvocation};
        StringBuilder line = new StringBuilder(PREFIX);
        for (int i = 0; i < NAMES.size(); i++) {
            line.append(i == 0 ? "" : " ").append(NAMES.get(i)).append('=').append(values[i]);
        }
        return line.toString();
    }

    /**
     * The phases from a probe's whole output (logs may come before and after the line).
     *
     * @throws IllegalArgumentException when the output has no phase line or the line lacks a phase
     */
    static ColdStartPhases parse(String output) {
        Matcher matcher = LINE.matcher(output);
        if (!matcher.find()) {
            throw new IllegalArgumentException("the probe printed no line starting with '" + PREFIX.trim() + "'");
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : matcher.group(1).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2) {
                values.put(kv[0], Long.parseLong(kv[1].trim()));
            }
        }
        long[] phases = new long[NAMES.size()];
        for (int i = 0; i < NAMES.size(); i++) {
            Long value = values.get(NAMES.get(i));
            if (value == null) {
                throw new IllegalArgumentException("the probe's line has no " + NAMES.get(i) + ": " + matcher.group());
            }
            phases[i] = value;
        }
        return new ColdStartPhases(phases[0], phases[1], phases[2], phases[3], phases[4]);
    }

    /** Each phase's median over runs (the upper median for an even count). */
    static ColdStartPhases median(List<ColdStartPhases> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to take a median of");
        }
        return new ColdStartPhases(median(runs, ColdStartPhases::jvmToMain), median(runs, ColdStartPhases::init),
                median(runs, ColdStartPhases::firstInvocation), median(runs, ColdStartPhases::coldTotal),
                median(runs, ColdStartPhases::warmInvocation));
    }

    private static long median(List<ColdStartPhases> runs, java.util.function.ToLongFunction<ColdStartPhases> phase) {
        long[] values = runs.stream().mapToLong(phase).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
