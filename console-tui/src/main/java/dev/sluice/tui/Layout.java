package dev.sluice.tui;

import java.util.List;

/**
 * Where each panel goes for a terminal size. 80×24 gets header (2 rows), a 2×2 grid of charts,
 * the knobs and load panels side by side, and the footer (2 rows). Taller terminals give the
 * charts the extra rows (the bottom panels one more, for the load's last error); from 120
 * columns an engine stats panel joins the bottom. Pure: computed again on every resize.
 *
 * @param charts four chart areas: requests, latency, lag, rows (top left, top right, bottom left, bottom right)
 * @param stats  the engine stats panel, or null when the terminal is narrower than {@link #STATS_MIN_COLS}
 */
record Layout(int cols, int rows, Rect header, List<Rect> charts, Rect knobs, Rect load, Rect stats, Rect footer) {
    static final int MIN_COLS = 60;
    static final int MIN_ROWS = 20;
    static final int STATS_MIN_COLS = 120;

    /** A screen region in cells. */
    record Rect(int col, int row, int width, int height) {}

    /** False below {@link #MIN_COLS}×{@link #MIN_ROWS}; the console then shows only a "too small" line. */
    boolean usable() {
        return cols >= MIN_COLS && rows >= MIN_ROWS;
    }

    static Layout of(int cols, int rows) {
        int bottom = rows >= 30 ? 7 : 6;
        int chartsHeight = Math.max(0, rows - 4 - bottom);
        int top = chartsHeight / 2;
        int left = cols / 2;
        List<Rect> charts = List.of(
                new Rect(0, 2, left, top), new Rect(left, 2, cols - left, top),
                new Rect(0, 2 + top, left, chartsHeight - top),
                        new Rect(left, 2 + top, cols - left, chartsHeight - top));
        int bottomRow = 2 + chartsHeight;
        Rect knobs;
        Rect load;
        Rect stats = null;
        if (cols >= STATS_MIN_COLS) {
            int third = cols / 3;
            knobs = new Rect(0, bottomRow, third, bottom);
            load = new Rect(third, bottomRow, third, bottom);
            stats = new Rect(2 * third, bottomRow, cols - 2 * third, bottom);
        } else {
            knobs = new Rect(0, bottomRow, left, bottom);
            load = new Rect(left, bottomRow, cols - left, bottom);
        }
        return new Layout(
                cols, rows, new Rect(0, 0, cols, 2), charts, knobs, load, stats, new Rect(0, rows - 2, cols, 2));
    }
}
