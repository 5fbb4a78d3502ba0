package org.emotionanalyser.tenants.domain;

import java.util.Locale;
import java.util.Optional;

/** How a subscriber receives a tenant's notifications; the names are SNS's protocol names in lower case. */
public enum SubscriptionProtocol {
    EMAIL, HTTPS, SQS;

    /** The SNS protocol name, e.g. {@code https}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an SNS protocol name; empty for anything this API does not offer. */
    public static Optional<SubscriptionProtocol> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (SubscriptionProtocol protocol : values()) {
            if (protocol.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(protocol);
            }
        }
        return Optional.empty();
    }
}
