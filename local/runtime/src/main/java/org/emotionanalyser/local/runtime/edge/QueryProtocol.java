package org.emotionanalyser.local.runtime.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Reading and answering requests of the AWS Query protocol (form parameters in, XML out), as SNS speaks it. */
public final class QueryProtocol {

    private QueryProtocol() {
    }

    /** Every parameter of the query string and of a form body, decoded. */
    public static Map<String, String> parameters(EdgeRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parse(request.rawQuery(), parameters);
        if (request.body().length > 0) {
            parse(new String(request.body(), StandardCharsets.UTF_8), parameters);
        }
        return parameters;
    }

    private static void parse(String form, Map<String, String> into) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            into.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    /** {@code <ActionResponse><ActionResult>result</ActionResult><ResponseMetadata>...} */
    public static EdgeResponse ok(String action, String namespace, String resultXml) {
        String xml = "<?xml version=\"1.0\"?>\n<" + action + "Response xmlns=\"" + namespace + "\">"
                + (resultXml == null ? "" : "<" + action + "Result>" + resultXml + "</" + action + "Result>")
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata>"
                + "</" + action + "Response>";
        return EdgeResponse.text(200, "text/xml", xml);
    }

    public static EdgeResponse error(String namespace, AwsServiceException e) {
        String type = e.status() >= 500 ? "Receiver" : "Sender";
        String xml = "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"" + namespace + "\"><Error><Type>" + type
                + "</Type><Code>" + escape(e.code()) + "</Code><Message>" + escape(e.getMessage())
                + "</Message></Error><RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
        return EdgeResponse.text(e.status(), "text/xml", xml);
    }

    public static String element(String name, String value) {
        return value == null ? "" : "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                case '\r' -> escaped.append("&#xD;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
