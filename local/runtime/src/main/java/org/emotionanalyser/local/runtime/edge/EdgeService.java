package org.emotionanalyser.local.runtime.edge;

import java.io.IOException;

/**
 * A service mounted on the edge endpoint under its SigV4 signing name; it receives every request whose credential
 * scope names that service.
 */
@FunctionalInterface
public interface EdgeService {

    /** Answers one request; an {@link IOException} becomes a 500 with an AWS-style error body. */
    EdgeResponse handle(EdgeRequest request) throws IOException;
}
