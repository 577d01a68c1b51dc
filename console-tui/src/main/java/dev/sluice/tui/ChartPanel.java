package dev.sluice.tui;

import java.util.ArrayList;
import java.util.List;

/**
 * One chart region: a title with each series' current value, a plot with a labelled value axis,
 * and a time axis with the span shown and each series' peak over it. Experiment step starts
 * ({@code ┃2}) and hand-made knob changes ({@code ┊workers 10→4}) are marked where they happened
 * and scroll with the plot.
 *
 * <pre>
 *  Requests/s  ok 1.2k  err 0
 *  2.5k┤⠀⠀⠀⠀⠀⠀⢀⣀⡠⠤⠒⠒⠒⠉⠉⠉⠉⠉
 *      │⠀⠀⠀⢀⡠⠔⠊⠁
 *     0┤⣀⡠⠔⠊
 *      -1m04s  peak 1.3k / 0   now
 * </pre>
 */
final class ChartPanel {
    private static final int AXIS_WIDTH = 6;

    private final ChartSpec spec;

    ChartPanel(ChartSpec spec) {
        this.spec = spec;
    }

    /** @param marks step starts and hand-made changes to draw where they fall, oldest first */
    void draw(Canvas c, SampleHistory history, DashboardModel.Span span, List<ChartMark> marks) {
        int plotCols = c.width() - 1 - AXIS_WIDTH;
        int plotRows = c.height() - 2;
        boolean unicode = c.theme().unicode();
        Sample now = history.size() == 0 ? null : history.last(1).get(0);
        drawTitle(c, now);
        if (plotCols < 4 || plotRows < 1) {
            return;
        }
        int perCol = Plot.samplesPerColumn(unicode);
        int points = plotCols * perCol;
        long tick = history.tickMillis();
        int bucket = span.millis == 0 ? 1 : (int) Math.max(1, Math.ceil(span.millis / (double) tick / points));
        List<double[]> values = new ArrayList<>();
        double peak = 0;
        List<String> peaks = new ArrayList<>();
        for (ChartSpec.Series s : spec.series()) {
            double[] v = history.columns(s.metric(), points, bucket);
            double seriesPeak = max(v);
            peak = Math.max(peak, seriesPeak);
            peaks.add(spec.format(seriesPeak, unicode));
            values.add(v);
        }
        double top = Plot.niceMax(peak);
        Plot.Cells cells = Plot.draw(values, top, plotCols, plotRows, unicode);
        for (int r = 0; r < plotRows; r++) {
            drawAxis(c, r, plotRows, top);
            for (int col = 0; col < plotCols; col++) {
                int owner = cells.series()[r][col];
                if (owner >= 0) {
                    c.cell(
                            1 + AXIS_WIDTH + col,
                            1 + r,
                            cells.glyphs()[r][col],
                            spec.series().get(owner).role());
                }
            }
        }
        drawMarks(c, history, marks, cells, points, bucket, perCol, plotRows);
        String from = "-" + Fmt.span((long) points * bucket * tick);
        int row = c.height() - 1;
        c.text(1 + AXIS_WIDTH, row, from, Theme.Role.DIM);
        c.right(row, "now", Theme.Role.DIM);
        String spanNote = span == DashboardModel.Span.LIVE ? "" : "  [" + span.label + "]";
        int mid = 1 + AXIS_WIDTH + from.length() + 2;
        // every series' peak when it fits, else the last (most important) one by name
        for (String peakText : List.of(
                "peak " + String.join(" / ", peaks) + spanNote,
                "peak " + spec.series().get(peaks.size() - 1).name() + " " + peaks.get(peaks.size() - 1) + spanNote)) {
            if (mid + peakText.length() <= c.width() - 4) {
                c.text(mid, row, peakText, Theme.Role.DIM);
                break;
            }
        }
    }

    /**
     * A vertical line in the column where each mark falls (heavy for a step start, thin for a
     * hand-made change) through the empty cells, so the plotted lines stay whole, and its label
     * in the top row: right of the line, cut where the next mark's line begins, or left of it when
     * only the left has room (a change just made sits at the right edge).
     */
    private static void drawMarks(
            Canvas c,
            SampleHistory history,
            List<ChartMark> marks,
            Plot.Cells cells,
            int points,
            int bucket,
            int perCol,
            int plotRows) {
        List<int[]> placed = new ArrayList<>(); // {column in the plot, index into marks}
        for (int i = 0; i < marks.size(); i++) {
            int fromNewest = history.valuesFromNewest(marks.get(i).atMillis(), points, bucket);
            if (fromNewest >= 0) {
                placed.add(new int[] {(points - 1 - fromNewest) / perCol, i});
            }
        }
        int plotCols = points / perCol;
        boolean unicode = c.theme().unicode();
        int taken = -1; // the last plot column a line or label of an earlier mark took
        for (int p = 0; p < placed.size(); p++) {
            int col = placed.get(p)[0];
            ChartMark mark = marks.get(placed.get(p)[1]);
            char line = mark.step() ? (unicode ? '┃' : '|') : (unicode ? '┊' : ':');
            Theme.Role role = mark.step() ? Theme.Role.TITLE : Theme.Role.DIM;
            for (int r = 0; r < plotRows; r++) {
                if (cells.series()[r][col] < 0) {
                    c.cell(1 + AXIS_WIDTH + col, 1 + r, line, role);
                }
            }
            String label = c.glyphs(mark.label());
            int right = (p + 1 < placed.size() ? placed.get(p + 1)[0] : plotCols) - col - 1;
            int left = col - taken - 1;
            // right of its line, unless only the left has room (a change just made, at the right edge)
            if (right >= label.length() || right >= left) {
                if (right > 0) {
                    c.text(2 + AXIS_WIDTH + col, 1, Fmt.fit(label, right), role);
                }
                taken = col + Math.max(0, Math.min(label.length(), right));
            } else {
                String shown = Fmt.fit(label, left);
                c.text(1 + AXIS_WIDTH + col - shown.length(), 1, shown, role);
                taken = col;
            }
        }
    }

    private void drawTitle(Canvas c, Sample now) {
        boolean unicode = c.theme().unicode();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < spec.series().size(); i++) {
            ChartSpec.Series s = spec.series().get(i);
            String mark = unicode ? "" : String.valueOf(Plot.asciiMark(i));
            items.add(mark + s.name() + " "
                    + (now == null ? "-" : spec.format(s.metric().applyAsDouble(now), unicode)));
        }
        // two spaces between items when they fit, else one, so the values stay whole in 40 columns
        String gap = 1 + spec.title().length() + 2 + String.join("  ", items).length() <= c.width() ? "  " : " ";
        int col = c.text(1, 0, spec.title(), Theme.Role.TITLE);
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int space = item.lastIndexOf(' ');
            col = c.text(
                    col + gap.length(),
                    0,
                    item.substring(0, space + 1),
                    spec.series().get(i).role());
            col = c.text(col, 0, item.substring(space + 1), Theme.Role.TEXT);
        }
    }

    private void drawAxis(Canvas c, int r, int plotRows, double top) {
        String axis = c.theme().unicode() ? "│" : "|";
        String tickMark = c.theme().unicode() ? "┤" : "|";
        String label = "";
        if (r == 0) {
            label = spec.format(top, c.theme().unicode());
        } else if (r == plotRows - 1) {
            label = "0";
        } else if (plotRows >= 7 && r == (plotRows - 1) / 2) {
            label = spec.format(top / 2, c.theme().unicode());
        }
        String padded = " ".repeat(Math.max(0, AXIS_WIDTH - 1 - label.length())) + Fmt.fit(label, AXIS_WIDTH - 1);
        c.text(1, 1 + r, padded, Theme.Role.DIM);
        c.text(AXIS_WIDTH, 1 + r, label.isEmpty() ? axis : tickMark, Theme.Role.DIM);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (x > m) {
                m = x;
            }
        }
        return m;
    }
}
