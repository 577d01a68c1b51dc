package dev.sluice.gui;

import dev.sluice.api.IngestMode;
import dev.sluice.api.MetricsSnapshot;

/**
 * Classroom mode's banner: the ingest mode, big, and the four figures a class watches. No JavaFX
 * types; the view maps {@link #tone} to a colour.
 */
final class BannerModel {
    private BannerModel() {}

    /** How the mode is shown: the naive baseline warns, the stream modes do not. */
    enum Tone {
        BASELINE,
        STREAM,
        FAST,
        PAUSED
    }

    /** The banner's text. */
    record Banner(String mode, Tone tone, String requests, String rows, String latency, String lag) {
        static final Banner EMPTY = new Banner("—", Tone.STREAM, "-", "-", "-", "-");
    }

    static Banner of(MetricsSnapshot s) {
        if (s == null) {
            return Banner.EMPTY;
        }
        IngestMode mode = s.knobs().mode();
        Tone tone = s.knobs().paused()
                ? Tone.PAUSED
                : mode == IngestMode.DIRECT_INSERT
                        ? Tone.BASELINE
                        : mode == IngestMode.STREAM_COPY ? Tone.FAST : Tone.STREAM;
        String label =
                mode.label().toUpperCase(java.util.Locale.ROOT) + (s.knobs().paused() ? " (PAUSED)" : "");
        return new Banner(
                label,
                tone,
                Formats.rate(s.api().okPerSec()).replace("/s", "") + " req/s",
                Formats.rate(s.workers().rowsPerSec()).replace("/s", "") + " rows/s",
                "p99 " + Formats.millis(s.api().latency().p99Micros()),
                "lag " + Formats.count(s.stream().lag()));
    }
}
