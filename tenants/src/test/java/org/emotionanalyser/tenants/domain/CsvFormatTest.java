package org.emotionanalyser.tenants.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void writeRecord_whenFieldsPlain_joinsWithCommasAndEndsWithCrlf() {
        assertThat(record("a", "b", "3")).isEqualTo("a,b,3\r\n");
    }

    @Test
    void writeRecord_whenFieldHasComma_quotesIt() {
        assertThat(record("Smith, Jane", "x")).isEqualTo("\"Smith, Jane\",x\r\n");
    }

    @Test
    void writeRecord_whenFieldHasQuote_doublesItInsideQuotes() {
        assertThat(record("The \"Boss\"")).isEqualTo("\"The \"\"Boss\"\"\"\r\n");
    }

    @Test
    void writeRecord_whenFieldHasNewlines_quotesAndKeepsThem() {
        assertThat(record("line1\nline2", "cr\rlf")).isEqualTo("\"line1\nline2\",\"cr\rlf\"\r\n");
    }

    @Test
    void writeRecord_whenFieldUnicode_keepsItUnquoted() {
        assertThat(record("Zoë Saldaña", "東京", "😀")).isEqualTo("Zoë Saldaña,東京,😀\r\n");
    }

    @Test
    void writeRecord_whenFieldNullOrEmpty_writesEmptyField() {
        assertThat(record(null, "", "x")).isEqualTo(",,x\r\n");
    }

    @Test
    void writeRecord_whenFieldStartsLikeAFormula_prefixesAQuote() {
        assertThat(record("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2+3,'@SUM(A1),'\tx,\"'\rx\"\r\n");
    }

    @Test
    void writeRecord_whenFormulaCharacterIsNotFirst_keepsTheField() {
        assertThat(record("a-b", "x=1", "me@example.com")).isEqualTo("a-b,x=1,me@example.com\r\n");
    }

    private static String record(String... fields) {
        StringWriter out = new StringWriter();
        CsvFormat.writeRecord(out, Arrays.asList(fields));
        return out.toString();
    }

    @Test
    void writeRecord_whenParsedBackByRfc4180Rules_yieldsSameFields() {
        List<String> fields = List.of("a,b", "say \"hi\"", "multi\r\nline", "plain", "");
        StringWriter out = new StringWriter();
        CsvFormat.writeRecord(out, fields);

        assertThat(parseOneRecord(out.toString())).isEqualTo(fields);
    }

    /** A minimal RFC 4180 reader, independent of the writer, for the round trip. */
    static List<String> parseOneRecord(String text) {
        List<String> fields = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && text.startsWith("\r\n", i)) {
                fields.add(field.toString());
                return fields;
            } else {
                field.append(c);
            }
            i++;
        }
        throw new AssertionError("record not terminated by CRLF");
    }
}
