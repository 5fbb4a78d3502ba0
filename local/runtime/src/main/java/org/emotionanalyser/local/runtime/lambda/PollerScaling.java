package org.emotionanalyser.local.runtime.lambda;

/**
 * How many of a mapping's pollers poll, shared by them: the first always does; the others join in while batches
 * come back full (the queue has a backlog) and go idle, without sending a request, as soon as a batch comes back
 * short. Lambda scales its SQS pollers with the queue in the same spirit. Locally every poll is a request the
 * machine's own queue service answers on the cores that analyse photos, and two pollers sharing a trickle split it
 * into half-size batches, each with its own receives, invocation and delete.
 */
final class PollerScaling {

    private boolean backlog;
    private boolean stopped;

    /** Records what a poll brought: a full batch means more is waiting, so every poller should poll. */
    synchronized void batchReceived(int messages, int batchSize) {
        backlog = messages >= batchSize;
        if (backlog) {
            notifyAll();
        }
    }

    /**
     * For a poller other than the first: waits until there is a backlog, the mapping stops or {@code maxWaitMillis}
     * passes; true when it should poll.
     */
    synchronized boolean awaitBacklog(long maxWaitMillis) throws InterruptedException {
        if (!backlog && !stopped) {
            wait(maxWaitMillis);
        }
        return backlog && !stopped;
    }

    /** Wakes idle pollers so that they see the mapping stop. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
