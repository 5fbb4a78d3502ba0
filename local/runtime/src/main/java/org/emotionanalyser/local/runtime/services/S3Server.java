package org.emotionanalyser.local.runtime.services;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * S3Proxy on a filesystem store, listening on loopback, announcing every object write as the S3 event notification
 * S3 would send. Signatures are not checked (any key works); aws-chunked bodies with checksum trailers, multipart
 * uploads and presigned URLs work as on S3.
 */
final class S3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private static final long START_TIMEOUT_NANOS = 30_000_000_000L;

    private final S3Proxy proxy;
    private final BlobStore store;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;

    private S3Server(Path directory, String region) throws Exception {
        Files.createDirectories(directory);
        notifier = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-s3-notifications");
            thread.setDaemon(true);
            return thread;
        });
        store = new NotifyingBlobStore(new FilesystemNio2BlobStore(directory.toAbsolutePath().toString()),
                new S3EventNotifications(region), this::publish);
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .jettyMaxThreads(32)
                .stopTimeout(2_000)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IOException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
    }

    static S3Server start(Path directory, String region) throws IOException {
        try {
            return new S3Server(directory, region);
        } catch (Exception e) {
            throw new IOException("S3Proxy could not start with data in " + directory + ": " + e, e);
        }
    }

    int port() {
        return proxy.getPort();
    }

    void onObjectCreated(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Listeners run on one thread, in write order, after the write has answered, as S3 notifies asynchronously. */
    private void publish(String eventJson) {
        notifier.execute(() -> {
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(eventJson);
                } catch (RuntimeException e) {
                    LOG.warn("local S3: an ObjectCreated listener failed: " + e);
                }
            }
        });
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            notifier.shutdown();
            notifier.awaitTermination(5, TimeUnit.SECONDS);
            store.close();
        }
    }
}
