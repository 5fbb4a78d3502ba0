package org.emotionanalyser.local.runtime.edge;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Keeps web pages away from local mode's servers. They listen on loopback, but a browser on the same machine
 * reaches loopback on behalf of any page it shows, so two attacks are refused:
 * <ul>
 *   <li><b>DNS rebinding</b>: a page on {@code evil.example} whose name is re-pointed to 127.0.0.1 can read the
 *       answers, since the browser sees them as same-origin. Its requests carry {@code Host: evil.example:port},
 *       so a request whose {@code Host} is not a loopback name or address on this server's own port is refused.</li>
 *   <li><b>Cross-site requests</b>: any page can send a simple POST (a form, {@code fetch} with {@code no-cors}), e.g.
 *       an SNS Subscribe of its own URL. Such requests carry an {@code Origin} that is not this server's (or the
 *       browser says {@code Sec-Fetch-Site: cross-site}), and are refused. Origins added with
 *       {@link #allowOrigin} (the dashboard's) are let through and get CORS answers.</li>
 * </ul>
 * Requests from programs (SDKs, the CLI, curl) send a loopback {@code Host} and no {@code Origin}, and pass.
 *
 * <p>One exception: a presigned read ({@code GET}/{@code HEAD} with {@code X-Amz-Signature} in the query) may be
 * cross-site without an {@code Origin}, because the dashboard shows images through presigned links from another
 * site ({@code localhost} vs {@code 127.0.0.1}); the signed link is the capability, and without a CORS answer a
 * foreign page can display the image but not read it.
 */
public final class LoopbackGuard {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final int port;
    private final Set<String> allowedOrigins = new CopyOnWriteArraySet<>();

    /** A guard for a server on {@code port}; its own origins ({@code http://localhost:port} ...) are allowed. */
    public LoopbackGuard(int port) {
        this.port = port;
        for (String name : LOOPBACK_NAMES) {
            allowedOrigins.add("http://" + name + ":" + port);
        }
    }

    /** Also lets pages of {@code origin} (scheme, host and port, e.g. the dashboard's) call this server. */
    public void allowOrigin(URI origin) {
        String host = origin.getHost().toLowerCase(Locale.ROOT);
        int originPort = origin.getPort();
        for (String name : LOOPBACK_NAMES.contains(host) || host.equals("::1") ? LOOPBACK_NAMES : Set.of(host)) {
            allowedOrigins.add(origin.getScheme() + "://" + name + (originPort < 0 ? "" : ":" + originPort));
        }
    }

    /** Whether a request from a page of {@code origin} may be answered with CORS headers. */
    public boolean allowsOrigin(String origin) {
        return origin != null && allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    /**
     * Why the request must be refused, or empty when it may be served.
     *
     * @param host          the {@code Host} header (null when absent)
     * @param origin        the {@code Origin} header (null when absent)
     * @param secFetchSite  the {@code Sec-Fetch-Site} header (null when absent)
     * @param presignedRead whether the request is a GET or HEAD of a presigned URL
     */
    public Optional<String> refusal(String host, String origin, String secFetchSite, boolean presignedRead) {
        if (!isLoopbackHost(host)) {
            return Optional.of("Host '" + (host == null ? "" : host) + "' is not this machine: local mode answers "
                    + "only requests addressed to localhost, 127.0.0.1 or [::1] on port " + port
                    + " (a web page re-pointing its own name here is refused)");
        }
        if (origin != null && !allowsOrigin(origin)) {
            return Optional.of("requests from pages of " + origin + " are refused: local mode serves only its own "
                    + "pages and the dashboard; use an SDK, the CLI or curl, which send no Origin");
        }
        if (origin == null && "cross-site".equalsIgnoreCase(secFetchSite) && !presignedRead) {
            return Optional.of("cross-site browser requests are refused: local mode serves only its own pages and "
                    + "the dashboard");
        }
        return Optional.empty();
    }

    private boolean isLoopbackHost(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String value = host.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        if (colon < 0 || colon < value.lastIndexOf(']')) {
            return false;
        }
        String name = value.substring(0, colon);
        String hostPort = value.substring(colon + 1);
        boolean loopbackName = LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost");
        return loopbackName && hostPort.equals(Integer.toString(port));
    }
}
