package org.emotionanalyser.tenants.port;

/** Where the admin API key is kept; the authorizer reads it once, when it starts. */
public interface AdminKeyStore {

    /**
     * The admin API key in plain text.
     *
     * @throws org.emotionanalyser.tenants.domain.AdminKeyUnavailableException when it cannot be read
     */
    String adminKey();
}
