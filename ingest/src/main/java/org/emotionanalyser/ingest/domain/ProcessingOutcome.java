package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.AnalysisEvent;

import java.util.Objects;

/** What the reader did with one object notification. */
public sealed interface ProcessingOutcome
        permits ProcessingOutcome.Published, ProcessingOutcome.Ignored, ProcessingOutcome.Missing,
        ProcessingOutcome.AlreadyProcessed, ProcessingOutcome.TenantDeleted {

    /**
     * An {@code ImageAnalyzed} or {@code ImageRejected} event was published.
     *
     * @param delivery how the image reached the analyser ({@code none} when it was rejected before analysis)
     */
    record Published(AnalysisEvent event, AnalyzerCalls calls, String delivery) implements ProcessingOutcome {
        public Published {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(calls, "calls");
        }
    }

    /** Not an upload (another prefix, a malformed key): nothing published, so outputs never trigger analysis. */
    record Ignored(String why) implements ProcessingOutcome {
    }

    /** The object was deleted before it could be analysed: nothing to publish. */
    record Missing(String why) implements ProcessingOutcome {
    }

    /**
     * This object version was analysed and its event published before (a redelivered notification, a Lambda
     * retry): nothing is read, analysed or published again.
     */
    record AlreadyProcessed(String imageId) implements ProcessingOutcome {
    }

    /**
     * The upload's tenant is being or has been deleted (an upload that landed after the delete started, e.g. through
     * a presigned URL issued before it): the object was deleted, nothing analysed or published.
     */
    record TenantDeleted(String tenantId) implements ProcessingOutcome {
    }
}
