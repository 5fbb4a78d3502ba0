package org.emotionanalyser.tenants.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, and a field quoted (with inner quotes doubled)
 * whenever it holds a comma, a quote, a CR or an LF, in UTF-8.
 *
 * <p>One alteration: a field starting with {@code = + - @}, a tab or a CR gets a {@code '} in front. Spreadsheets
 * read such a cell as a formula, and export fields carry names a tenant controls (a known face enrolled as
 * {@code =HYPERLINK(...)} or {@code -2+3}); the quote makes the cell plain text and shows the value unchanged.
 * No field the export writes is a negative number, so nothing numeric is affected.
 */
public final class CsvFormat {

    /** First characters that make a spreadsheet cell a formula (OWASP's CSV injection list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

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

    /** One field, neutralised when a spreadsheet would read it as a formula, quoted when needed; {@code null} is
     * the empty field. */
    public static String field(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String value = FORMULA_STARTS.indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
