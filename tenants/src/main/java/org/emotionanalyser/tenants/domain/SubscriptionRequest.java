package org.emotionanalyser.tenants.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.emotionanalyser.router.domain.Emotion;

/**
 * A request to subscribe an endpoint to a tenant's notifications, checked before anything reaches SNS.
 *
 * @param endpoint an e-mail address, an {@code https://} URL or an SQS queue ARN, matching {@code protocol}
 */
public record SubscriptionRequest(SubscriptionProtocol protocol, String endpoint, SubscriptionFilter filter) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{2,}");
    private static final Pattern SQS_ARN = Pattern.compile("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,80}(\\.fifo)?");
    private static final int MAX_URL_LENGTH = 2048;

    /** The most faces a {@code minFaces} filter may ask for. */
    public static final int MAX_MIN_FACES = 100;

    /**
     * A request as the API delivers it: names as text, optional fields null.
     *
     * @throws InvalidInputException naming the field and the accepted values when one breaks a rule
     */
    public static SubscriptionRequest of(String protocol, String endpoint, List<String> emotionNames,
                                         Boolean celebritiesOnly, Integer minFaces) {
        Set<Emotion> emotions = EnumSet.noneOf(Emotion.class);
        if (emotionNames != null) {
            for (String name : emotionNames) {
                emotions.add(Emotion.parse(name).orElseThrow(() ->
                        new InvalidInputException("emotions must name emotions among " + List.of(Emotion.values()))));
            }
        }
        if (minFaces != null && (minFaces < 1 || minFaces > MAX_MIN_FACES)) {
            throw new InvalidInputException("minFaces must be from 1 to " + MAX_MIN_FACES);
        }
        SubscriptionProtocol parsed = SubscriptionProtocol.parse(protocol).orElseThrow(() ->
                new InvalidInputException("protocol must be one of email, https, sqs"));
        return new SubscriptionRequest(parsed, endpoint,
                new SubscriptionFilter(emotions, Boolean.TRUE.equals(celebritiesOnly), minFaces));
    }

    public SubscriptionRequest {
        if (protocol == null) {
            throw new InvalidInputException("protocol is required: one of email, https, sqs");
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new InvalidInputException("endpoint is required: an e-mail address, an https URL or an SQS queue ARN");
        }
        endpoint = endpoint.trim();
        boolean valid = switch (protocol) {
            case EMAIL -> EMAIL.matcher(endpoint).matches();
            case HTTPS -> endpoint.startsWith("https://") && endpoint.length() > "https://".length()
                    && endpoint.length() <= MAX_URL_LENGTH && endpoint.chars().noneMatch(Character::isWhitespace);
            case SQS -> SQS_ARN.matcher(endpoint).matches();
        };
        if (!valid) {
            throw new InvalidInputException(switch (protocol) {
                case EMAIL -> "endpoint must be an e-mail address for protocol email";
                case HTTPS -> "endpoint must be an https:// URL for protocol https";
                case SQS -> "endpoint must be an SQS queue ARN (arn:aws:sqs:region:account:name) for protocol sqs";
            });
        }
        filter = Objects.requireNonNullElse(filter, SubscriptionFilter.none());
    }
}
