package org.emotionanalyser.local.analyser;

import org.emotionanalyser.local.analyser.adapter.FolderImageFetcher;
import org.emotionanalyser.local.analyser.api.RekognitionHttpServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the analyser on its own as a Rekognition-compatible endpoint on loopback:
 * {@code java -cp <analyser jar and dependencies> org.emotionanalyser.local.analyser.LocalAnalyzerServer
 * [port=4599] [known-faces folder=known-faces] [S3 folder=s3]}. {@code S3Object} images are read from
 * {@code <S3 folder>/<bucket>/<key>}.
 */
public final class LocalAnalyzerServer {

    private LocalAnalyzerServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 4599;
        Path knownFaces = Path.of(args.length > 1 ? args[1] : "known-faces");
        Path s3 = Path.of(args.length > 2 ? args[2] : "s3");
        LocalAnalyzer analyser = LocalAnalyzer.create(knownFaces, new FolderImageFetcher(s3));
        RekognitionHttpServer server = RekognitionHttpServer.start(analyser.api(), new InetSocketAddress("127.0.0.1", port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            analyser.close();
        }));
        System.out.println("Rekognition-compatible endpoint on " + server.endpoint());
        new CountDownLatch(1).await();
    }
}
