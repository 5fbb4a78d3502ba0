package org.emotionanalyser.tenants.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, and a field quoted (with inner quotes doubled)
 * whenever it holds a comma, a quote, a CR or an LF. Values are never altered: the file holds exactly the stored
 * values, in UTF-8.
 */
public final class CsvFormat {

    private CsvFormat() {
    }

    /** Writes one record. */
    public static void writeRecord(Writer out, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the CSV record", e);
        }
    }

    /** One field, quoted when needed; {@code null} is the empty field. */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
