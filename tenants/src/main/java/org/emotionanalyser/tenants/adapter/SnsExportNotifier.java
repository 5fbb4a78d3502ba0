package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.ExportNotice;
import org.emotionanalyser.tenants.port.ExportNotifier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes export notices as JSON to the tenant topic, with the message attribute {@code status}
 * ({@code EXPORT_READY} or {@code EXPORT_REMINDER}). They carry no {@code emotion}, {@code celebrity} or
 * {@code faceCount} attribute, so only subscriptions without those filters receive them.
 */
public final class SnsExportNotifier implements ExportNotifier {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final SnsClient sns;

    public SnsExportNotifier(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public void announce(String topicArn, ExportNotice notice) {
        String subject = switch (notice.kind()) {
            case EXPORT_READY -> "Emotion export for " + notice.date() + " is ready";
            case EXPORT_REMINDER -> "Weekly reminder: latest emotion export (" + notice.date() + ")";
        };
        sns.publish(b -> b.topicArn(topicArn)
                .subject(subject)
                .message(json(notice))
                .messageAttributes(Map.of("status", MessageAttributeValue.builder()
                        .dataType("String").stringValue(notice.kind().name()).build())));
    }

    static String json(ExportNotice notice) {
        try {
            return MAPPER.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export notices are plain records", e);
        }
    }
}
