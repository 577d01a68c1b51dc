package dev.sluice.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * A painter clipped to one screen region: text in a {@link Theme.Role}, cut to fit, and with
 * every non-ASCII glyph swapped for an ASCII stand-in when the terminal is not UTF-8 (so no
 * panel has to remember to). Not thread-safe: used on the UI thread while drawing one frame.
 */
final class Canvas {
    private final TextGraphics g;
    private final Theme theme;

    Canvas(TextGraphics g, Theme theme) {
        this.g = g;
        this.theme = theme;
    }

    /** A canvas for the region {@code r} of this one. */
    Canvas region(Layout.Rect r) {
        return new Canvas(
                g.newTextGraphics(
                        new TerminalPosition(r.col(), r.row()),
                        new TerminalSize(Math.max(0, r.width()), Math.max(0, r.height()))),
                theme);
    }

    Theme theme() {
        return theme;
    }

    int width() {
        return g.getSize().getColumns();
    }

    int height() {
        return g.getSize().getRows();
    }

    /** Writes {@code text} at (col, row), cut at the right edge; returns the column after it. */
    int text(int col, int row, String text, Theme.Role role) {
        if (row < 0 || row >= height() || col >= width()) {
            return col;
        }
        String shown = Fmt.fit(glyphs(text), width() - col);
        g.setForegroundColor(theme.fg(role));
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        if (theme.bold(role)) {
            g.putString(col, row, shown, SGR.BOLD);
        } else {
            g.putString(col, row, shown);
        }
        return col + shown.length();
    }

    /**
     * A whole row in reverse video (the role's colour as the background, bold), with {@code left}
     * at its start and {@code right} at its end; {@code left} is cut to leave {@code right} whole.
     * The classroom banner: readable from the back of the room, in colour or not.
     */
    void bar(int row, String left, String right, Theme.Role role) {
        if (row < 0 || row >= height()) {
            return;
        }
        String r = glyphs(right);
        String l = Fmt.fit(glyphs(left), Math.max(0, width() - r.length() - 1));
        String line = l + " ".repeat(Math.max(0, width() - l.length() - r.length())) + r;
        g.setForegroundColor(theme.fg(role));
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.putString(0, row, Fmt.fit(line, width()), SGR.REVERSE, SGR.BOLD);
    }

    /** Writes {@code text} so that it ends at the right edge (at most {@code maxWidth} wide). */
    void right(int row, String text, Theme.Role role) {
        text(Math.max(0, width() - glyphs(text).length()), row, text, role);
    }

    /** One character cell, e.g. a braille plot cell. */
    void cell(int col, int row, char c, Theme.Role role) {
        if (row < 0 || row >= height() || col < 0 || col >= width()) {
            return;
        }
        g.setForegroundColor(theme.fg(role));
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setCharacter(col, row, theme.unicode() || c < 128 ? c : '?');
    }

    /** Blanks the whole region (overlays draw over the dashboard). */
    void clear() {
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.fill(' ');
    }

    /** A frame around the region with a title in its top edge. */
    void box(String title) {
        int w = width();
        int h = height();
        if (w < 2 || h < 2) {
            return;
        }
        String horizontal = theme.unicode() ? "─" : "-";
        String vertical = theme.unicode() ? "│" : "|";
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < w - 2; i++) {
            line.append(horizontal);
        }
        text(0, 0, (theme.unicode() ? "┌" : "+") + line + (theme.unicode() ? "┐" : "+"), Theme.Role.DIM);
        text(0, h - 1, (theme.unicode() ? "└" : "+") + line + (theme.unicode() ? "┘" : "+"), Theme.Role.DIM);
        for (int r = 1; r < h - 1; r++) {
            text(0, r, vertical, Theme.Role.DIM);
            text(w - 1, r, vertical, Theme.Role.DIM);
        }
        text(2, 0, " " + title + " ", Theme.Role.TITLE);
    }

    /** {@code text} as this terminal can show it: unchanged on UTF-8, else with ASCII stand-ins. */
    String glyphs(String text) {
        if (theme.unicode()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                b.append(c);
                continue;
            }
            b.append(
                    switch (c) {
                        case '→' -> "->";
                        case '·' -> "-";
                        case 'µ' -> "u";
                        case '●' -> "*";
                        case '○' -> "o";
                        case '…' -> "...";
                        case '≈' -> "~";
                        case '─' -> "-";
                        case '│', '┤', '┼', '┃' -> "|";
                        case '┊' -> ":";
                        case '×' -> "x";
                        case '≤' -> "<=";
                        case '≥' -> ">=";
                        case '▶' -> ">";
                        case '█' -> "#";
                        default -> "?";
                    });
        }
        return b.toString();
    }
}
