package dev.sluice.tui;

import java.util.List;

/**
 * Where each panel goes for a terminal size. 80×24 gets header (2 rows), a 2×2 grid of charts,
 * the knobs and load panels side by side, and the footer (2 rows). Taller terminals give the
 * charts the extra rows (the bottom panels one more, for the load's last error); from 120
 * columns an engine stats panel joins the bottom. The workloads view puts the queue and items
 * panels where the charts are ({@link #queue}, {@link #items}); on terminals tall enough the
 * charts stay, smaller, under them ({@link #workloadCharts}). The experiment view puts its table
 * there, with charts under it when there is room ({@link #experimentCharts}). While an experiment
 * is shown, its banner takes two rows under the header from the charts. Pure: computed again on
 * every resize.
 *
 * @param banner the experiment banner under the header, or null when none is shown
 * @param charts four chart areas: requests, latency, lag, rows (top left, top right, bottom left, bottom right)
 * @param stats  the engine stats panel, or null when the terminal is narrower than {@link #STATS_MIN_COLS}
 */
record Layout(
        int cols,
        int rows,
        Rect header,
        Rect banner,
        List<Rect> charts,
        Rect knobs,
        Rect load,
        Rect stats,
        Rect footer) {
    static final int MIN_COLS = 60;
    static final int MIN_ROWS = 20;
    static final int STATS_MIN_COLS = 120;
    /** Rows the workloads panels need (the queue's title, figures and five channels); at 80x24 they get 14. */
    static final int WORKLOADS_ROWS = 15;
    /** The smallest chart worth drawing under the workloads panels. */
    static final int MIN_CHART_ROWS = 8;

    /** A screen region in cells. */
    record Rect(int col, int row, int width, int height) {}

    /** False below {@link #MIN_COLS}×{@link #MIN_ROWS}; the console then shows only a "too small" line. */
    boolean usable() {
        return cols >= MIN_COLS && rows >= MIN_ROWS;
    }

    /** The queue panel of the workloads view: the left column of the charts' area (its top on tall terminals). */
    Rect queue() {
        Rect area = workloadsArea();
        return new Rect(0, area.row(), charts.get(0).width(), area.height());
    }

    /** The items panel of the workloads view: the right column beside {@link #queue}. */
    Rect items() {
        Rect area = workloadsArea();
        int left = charts.get(0).width();
        return new Rect(left, area.row(), cols - left, area.height());
    }

    /**
     * The charts that stay in the workloads view: none unless the charts' area has room for the
     * workloads panels and two rows of {@link #MIN_CHART_ROWS} charts (from 42 terminal rows); then
     * the four charts, shrunk into the rows under the workloads panels.
     */
    List<Rect> workloadCharts() {
        Rect area = chartsArea();
        if (area.height() < WORKLOADS_ROWS + 2 * MIN_CHART_ROWS) {
            return List.of();
        }
        return grid(area.row() + WORKLOADS_ROWS, cols, area.height() - WORKLOADS_ROWS);
    }

    /** The whole middle of the dashboard, between the header (or banner) and the bottom panels: the nodes view. */
    Rect middle() {
        return chartsArea();
    }

    /**
     * The experiment view's table: as many rows of the middle as it wants ({@code tableRows}) when
     * charts fit under it, else the whole middle.
     */
    Rect experimentTable(int tableRows) {
        Rect area = chartsArea();
        List<Rect> under = experimentCharts(tableRows);
        return under.isEmpty() ? area : new Rect(0, area.row(), cols, area.height() - height(under));
    }

    /**
     * The charts under the experiment's table: the four in a grid when two rows of
     * {@link #MIN_CHART_ROWS} fit under {@code tableRows} rows of table, requests and latency side by
     * side when one row fits, else none (at 80×24 the table takes the middle; {@code w} shows the charts).
     */
    List<Rect> experimentCharts(int tableRows) {
        Rect area = chartsArea();
        int left = area.height() - tableRows;
        if (left >= 2 * MIN_CHART_ROWS) {
            return grid(area.row() + tableRows, cols, left);
        }
        if (left >= MIN_CHART_ROWS) {
            int row = area.row() + tableRows;
            return List.of(new Rect(0, row, cols / 2, left), new Rect(cols / 2, row, cols - cols / 2, left));
        }
        return List.of();
    }

    private static int height(List<Rect> charts) {
        return charts.size() == 4
                ? charts.get(0).height() + charts.get(2).height()
                : charts.get(0).height();
    }

    private Rect workloadsArea() {
        Rect area = chartsArea();
        return workloadCharts().isEmpty() ? area : new Rect(0, area.row(), cols, WORKLOADS_ROWS);
    }

    private Rect chartsArea() {
        Rect top = charts.get(0);
        return new Rect(0, top.row(), cols, top.height() + charts.get(2).height());
    }

    private static List<Rect> grid(int row, int cols, int height) {
        int top = height / 2;
        int left = cols / 2;
        return List.of(
                new Rect(0, row, left, top),
                new Rect(left, row, cols - left, top),
                new Rect(0, row + top, left, height - top),
                new Rect(left, row + top, cols - left, height - top));
    }

    static Layout of(int cols, int rows) {
        return of(cols, rows, false);
    }

    /** @param banner true while the experiment banner is shown */
    static Layout of(int cols, int rows, boolean banner) {
        int bottom = rows >= 30 ? 7 : 6;
        int top = banner ? 2 + ExperimentBanner.ROWS : 2;
        int chartsHeight = Math.max(0, rows - top - 2 - bottom);
        int left = cols / 2;
        List<Rect> charts = grid(top, cols, chartsHeight);
        int bottomRow = top + chartsHeight;
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
                cols,
                rows,
                new Rect(0, 0, cols, 2),
                banner ? new Rect(0, 2, cols, ExperimentBanner.ROWS) : null,
                charts,
                knobs,
                load,
                stats,
                new Rect(0, rows - 2, cols, 2));
    }
}
