package org.emotionanalyser.lambdasupport.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SDK clients that local mode runs in the same JVM as the functions, named by an endpoint URL of the scheme
 * {@value #SCHEME}. Local mode registers one (DynamoDB Local's own embedded client, which runs each call on the
 * database the HTTP endpoint serves, without HTTP, signing or JSON) and sets the function's
 * {@code AWS_ENDPOINT_URL_<SERVICE>} to the address it gets back; {@link AwsClientSettings} then hands that client to
 * the wiring instead of building one. In AWS no endpoint has this scheme, so nothing here is ever consulted.
 *
 * <p>An in-process client ignores the wiring's builder settings (timeouts, retries, plugins): its calls never leave
 * the JVM, and the function's invocation timeout still bounds them.
 */
public final class InProcessClients {

    /** The URL scheme of an in-process endpoint, e.g. {@code in-process://dynamodb/1}. */
    public static final String SCHEME = "in-process";

    private static final Map<URI, Registered> CLIENTS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();

    private record Registered(String serviceId, Object client) {
    }

    private InProcessClients() {
    }

    /**
     * Makes {@code client} the client of {@code serviceId} for every function whose endpoint override is the returned
     * address, until {@link #unregister(URI)}.
     *
     * @param serviceId the SDK service id in upper case, e.g. {@link AwsClientSettings#DYNAMODB}
     * @param client    a client of that service, e.g. a {@code DynamoDbClient}
     */
    public static URI register(String serviceId, Object client) {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(client, "client");
        URI address = URI.create(SCHEME + "://" + serviceId.toLowerCase(Locale.ROOT) + "/" + NEXT.incrementAndGet());
        CLIENTS.put(address, new Registered(serviceId, client));
        return address;
    }

    /** Forgets the client registered under {@code address}; functions built afterwards cannot get it. */
    public static void unregister(URI address) {
        CLIENTS.remove(address);
    }

    /** Whether {@code endpoint} names an in-process client rather than a network address. */
    public static boolean isInProcess(URI endpoint) {
        return endpoint != null && SCHEME.equalsIgnoreCase(endpoint.getScheme());
    }

    /**
     * The client registered under {@code address} for {@code serviceId}.
     *
     * @throws IllegalStateException when nothing is registered there (the runtime that registered it has stopped, or
     *                               the address was copied to another process) or it is another service's client
     */
    static Object client(URI address, String serviceId) {
        Registered registered = CLIENTS.get(address);
        if (registered == null) {
            throw new IllegalStateException("no in-process client is registered at " + address + "; such addresses "
                    + "only work inside the local mode that made them: set an http:// endpoint instead");
        }
        if (!registered.serviceId().equals(serviceId)) {
            throw new IllegalStateException("the in-process client at " + address + " is a " + registered.serviceId()
                    + " client, not a " + serviceId + " client: point AWS_ENDPOINT_URL_" + serviceId
                    + " at that service's own endpoint");
        }
        return registered.client();
    }
}
