package dev.sluice.tui;

import java.util.List;

/**
 * Turns series of values into a grid of character cells: Unicode braille (2×4 dots per cell, so
 * twice as many samples as columns and four levels per row) or an ASCII fallback (one sample per
 * column, one mark per series). Pure: the chart panel paints the cells and colours them by series.
 */
final class Plot {
    private static final int BRAILLE_BASE = 0x2800;
    /** Braille dot bits by [column in cell][row in cell], per Unicode's dot numbering. */
    private static final int[][] DOT = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

    private static final char[] ASCII_MARKS = {'*', '+', 'o', '#'};

    private Plot() {}

    /**
     * The cells of a plot.
     *
     * @param glyphs glyph per [row][column], {@code ' '} where nothing was drawn
     * @param series index of the series that drew a cell last, -1 where nothing was drawn
     */
    record Cells(char[][] glyphs, int[][] series) {
        String row(int r) {
            return new String(glyphs[r]);
        }
    }

    /** Samples one column of a plot holds in this style. */
    static int samplesPerColumn(boolean braille) {
        return braille ? 2 : 1;
    }

    /** The ASCII mark of series {@code i}: {@code * + o #}. */
    static char asciiMark(int i) {
        return ASCII_MARKS[i % ASCII_MARKS.length];
    }

    /**
     * Draws every series (values newest last, right-aligned; {@code NaN} is a gap) against the
     * scale {@code 0..max}. Later series are drawn over earlier ones.
     */
    static Cells draw(List<double[]> series, double max, int cols, int rows, boolean braille) {
        char[][] glyphs = new char[rows][cols];
        int[][] owner = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(glyphs[r], ' ');
            java.util.Arrays.fill(owner[r], -1);
        }
        if (braille) {
            int[][] bits = new int[rows][cols];
            for (int s = 0; s < series.size(); s++) {
                brailleSeries(series.get(s), s, max, bits, owner);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (bits[r][c] != 0) {
                        glyphs[r][c] = (char) (BRAILLE_BASE + bits[r][c]);
                    }
                }
            }
        } else {
            for (int s = 0; s < series.size(); s++) {
                asciiSeries(series.get(s), s, max, glyphs, owner);
            }
        }
        return new Cells(glyphs, owner);
    }

    private static void brailleSeries(double[] values, int s, double max, int[][] bits, int[][] owner) {
        int rows = bits.length;
        int dotsX = rows == 0 ? 0 : bits[0].length * 2;
        int dotsY = rows * 4;
        int offset = dotsX - values.length;
        int prevY = -1;
        for (int j = Math.max(0, -offset); j < values.length; j++) {
            double v = values[j];
            if (Double.isNaN(v)) {
                prevY = -1;
                continue;
            }
            int x = offset + j;
            int y = level(v, max, dotsY);
            // join to the previous point with a vertical run, so a jump reads as one line
            int from = prevY < 0 ? y : Math.min(prevY, y);
            int to = prevY < 0 ? y : Math.max(prevY, y);
            for (int yy = from; yy <= to; yy++) {
                int row = yy / 4;
                int col = x / 2;
                bits[row][col] |= DOT[x % 2][yy % 4];
                owner[row][col] = s;
            }
            prevY = y;
        }
    }

    private static void asciiSeries(double[] values, int s, double max, char[][] glyphs, int[][] owner) {
        int rows = glyphs.length;
        int cols = rows == 0 ? 0 : glyphs[0].length;
        int offset = cols - values.length;
        for (int j = Math.max(0, -offset); j < values.length; j++) {
            if (!Double.isNaN(values[j])) {
                int row = level(values[j], max, rows);
                glyphs[row][offset + j] = asciiMark(s);
                owner[row][offset + j] = s;
            }
        }
    }

    /** Row (or dot row) from the top for value {@code v} on {@code levels} levels; 0 sits on the bottom one. */
    private static int level(double v, double max, int levels) {
        double share = max <= 0 ? 0 : Math.min(1, Math.max(0, v / max));
        return levels - 1 - (int) Math.round(share * (levels - 1));
    }

    /** A round axis maximum at or above {@code peak}: 1, 2, 2.5 or 5 times a power of ten; 1 for nothing. */
    static double niceMax(double peak) {
        if (!(peak > 0)) {
            return 1;
        }
        double e = Math.pow(10, Math.floor(Math.log10(peak)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * e >= peak) {
                return m * e;
            }
        }
        return 10 * e;
    }
}
