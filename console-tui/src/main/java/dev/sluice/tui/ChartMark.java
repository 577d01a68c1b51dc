package dev.sluice.tui;

/**
 * A vertical mark on the time charts: where an experiment's step started (labelled with its
 * number) or where someone changed a knob by hand (a thin line labelled with what changed).
 *
 * @param atMillis when, epoch millis
 * @param label    what the chart writes beside the line, e.g. {@code "2"} or {@code "workers 10→4"}
 * @param step     true for a step start (a heavy line), false for a hand-made change (a thin one)
 */
record ChartMark(long atMillis, String label, boolean step) {}
