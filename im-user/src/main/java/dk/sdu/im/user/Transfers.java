package dk.sdu.im.user;

import dk.sdu.im.config.ImConfig;
import dk.sdu.im.user.files.FileOperations;
import dk.sdu.im.user.transfer.CapabilityTokens;
import dk.sdu.im.user.transfer.ChunkedUploads;
import dk.sdu.im.user.transfer.DownloadService;
import dk.sdu.im.user.transfer.TransferMeter;
import dk.sdu.im.user.transfer.UploadService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The browser-facing transfers of one instance: downloads and uploads share one set of capability tokens (each
 * bound to its operation), with the link lifetimes of {@code transfers} in the configuration.
 */
record Transfers(DownloadService downloads, UploadService uploads, ChunkedUploads chunked) {
    static Transfers of(ImConfig config, FileOperations operations, TransferMeter meter) {
        Clock clock = Clock.systemUTC();
        var tokens = new CapabilityTokens(clock, new SecureRandom());
        var downloads = new DownloadService(tokens, clock, config.provider().publicUrl(), config.provider().id(),
                config.transfers().downloadLinkLifetime());
        var uploads = new UploadService(tokens, clock, config.provider().publicUrl(), config.provider().id(), operations,
                config.transfers().uploadLinkLifetime());
        return new Transfers(downloads, uploads, new ChunkedUploads(uploads, clock, meter));
    }

    /**
     * Deletes the partial files of CHUNKED uploads whose links expired, once a minute (an idle instance gets no
     * requests that would do it), and all of them when the process exits: their links die with it.
     */
    void sweepInBackground() {
        long period = ChunkedUploads.SWEEP_INTERVAL.toSeconds();
        Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("upload-sweep").factory())
                .scheduleWithFixedDelay(chunked::sweepExpired, period, period, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(chunked::discardAll, "discard-partial-uploads"));
    }
}
