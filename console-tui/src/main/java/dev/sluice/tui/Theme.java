package dev.sluice.tui;

import com.googlecode.lanterna.TextColor;

/**
 * How the console may draw on this terminal: with colour or monochrome, with Unicode (braille
 * charts, box lines, arrows) or plain ASCII. Decided once, in {@code main}, from flags and the
 * environment.
 *
 * @param color   ANSI colours are used; without them meaning is carried by text and bold alone
 * @param unicode the terminal's encoding is UTF-8; otherwise every glyph has an ASCII stand-in
 */
record Theme(boolean color, boolean unicode) {

    /** What a piece of text means; mapped to a colour when there are colours. */
    enum Role {
        TEXT,
        DIM,
        TITLE,
        KEY,
        GOOD,
        BAD,
        WARN,
        SERIES_A,
        SERIES_B,
        SERIES_C,
        SERIES_D
    }

    /** The foreground for {@code role}, or the terminal's default when monochrome. */
    TextColor fg(Role role) {
        if (!color) {
            return TextColor.ANSI.DEFAULT;
        }
        return switch (role) {
            case TEXT, TITLE -> TextColor.ANSI.DEFAULT;
            case DIM -> TextColor.ANSI.WHITE;
            case KEY -> TextColor.ANSI.CYAN_BRIGHT;
            case GOOD, SERIES_A -> TextColor.ANSI.GREEN_BRIGHT;
            case BAD -> TextColor.ANSI.RED_BRIGHT;
            case WARN, SERIES_C -> TextColor.ANSI.YELLOW_BRIGHT;
            case SERIES_B -> TextColor.ANSI.CYAN_BRIGHT;
            case SERIES_D -> TextColor.ANSI.MAGENTA_BRIGHT;
        };
    }

    /** True for roles drawn bold, which is how monochrome terminals still tell titles and alerts apart. */
    boolean bold(Role role) {
        return role == Role.TITLE || role == Role.BAD || role == Role.KEY || (!color && role == Role.WARN);
    }

    /** The state marker: a filled dot (or {@code *}) when up, a hollow one (or {@code o}) when not. */
    String dot(boolean on) {
        return unicode ? (on ? "●" : "○") : (on ? "*" : "o");
    }
}
