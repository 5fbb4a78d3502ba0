package org.emotionanalyser.lambdasupport.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.emotionanalyser.router.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The one place that writes structured log lines: one JSON object per line, {@code message} first, then the
 * fields in the order given, through SLF4J (in Lambda its stderr provider, which CloudWatch Logs reads; CloudWatch
 * Logs Insights discovers the fields of JSON lines). Values are written with the contract's JSON mapper, so times
 * and enums look as they do in events. Never log secrets or image data.
 *
 * <pre>{@code
 * LOG.info("image processed").with("bucket", bucket).with("millis", millis).write();
 * }</pre>
 */
public final class StructuredLog {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final Logger logger;

    private StructuredLog(Logger logger) {
        this.logger = logger;
    }

    /** The log of one class. */
    public static StructuredLog of(Class<?> type) {
        return new StructuredLog(LoggerFactory.getLogger(type));
    }

    /** Starts an INFO line. */
    public Line info(String message) {
        return new Line(Level.INFO, message);
    }

    /** Starts a WARN line. */
    public Line warn(String message) {
        return new Line(Level.WARN, message);
    }

    /** Starts an ERROR line. */
    public Line error(String message) {
        return new Line(Level.ERROR, message);
    }

    /** One line being assembled; nothing is written until {@link #write()}. */
    public final class Line {

        private final Level level;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private Throwable cause;

        private Line(Level level, String message) {
            this.level = level;
            fields.put("message", message);
        }

        /** Adds a field; a null value is left out. */
        public Line with(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        /** Attaches a failure: its stack trace is written after the line, so no failure is logged without it. */
        public Line cause(Throwable failure) {
            this.cause = failure;
            return this;
        }

        /** The line as it will be written. */
        public String toJson() {
            try {
                return MAPPER.writeValueAsString(fields);
            } catch (JsonProcessingException e) {
                // A field the mapper cannot write must not lose the line: fall back to its text form.
                return fields.toString();
            }
        }

        /** Writes the line, when its level is enabled. */
        public void write() {
            if (logger.isEnabledForLevel(level)) {
                logger.atLevel(level).setCause(cause).log(toJson());
            }
        }
    }
}
