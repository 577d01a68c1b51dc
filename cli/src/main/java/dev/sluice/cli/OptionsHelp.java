package dev.sluice.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option list of a {@code --help}, in declaration order and in the layout sluice has always
 * printed: {@code --name LABEL} in a column, the description beside it, and a trailing
 * {@code [VARIABLE, default x]} aligned on the right. Section headings go before named options.
 */
public final class OptionsHelp {
    /** Where descriptions start; extra lines indent to it. */
    public static final int NAME_COLUMN = 25;

    private static final int BRACKET_COLUMN = 76;

    private OptionsHelp() {}

    /**
     * @param spec     the command whose options to list (hidden ones are left out)
     * @param headings a heading line to print before the option with that long name
     * @param extra    lines to print after the option with that long name (already indented)
     */
    public static String render(CommandSpec spec, Map<String, String> headings, Map<String, List<String>> extra) {
        StringBuilder sb = new StringBuilder();
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            String name = option.longestName();
            if (headings.containsKey(name)) {
                sb.append(headings.get(name)).append('\n');
            }
            String label =
                    String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel() : "");
            String[] description = option.description().length == 0 ? new String[] {""} : option.description();
            // a long name pushes its first line right instead of wrapping
            String lead = "  " + label;
            lead = lead.length() <= NAME_COLUMN - 2 ? pad(lead, NAME_COLUMN) : lead + "  ";
            for (String line : description) {
                sb.append(alignBracket(lead, line)).append('\n');
                lead = pad("", NAME_COLUMN);
            }
            extra.getOrDefault(name, List.of()).forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    private static String alignBracket(String lead, String line) {
        int at = line.lastIndexOf('[');
        if (!line.endsWith("]") || at < 0) {
            return (lead + line).stripTrailing();
        }
        String text = line.substring(0, at).stripTrailing();
        String bracket = line.substring(at);
        String left = lead + text;
        return (left.length() + 1 < BRACKET_COLUMN ? pad(left, BRACKET_COLUMN) : left + "  ") + bracket;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
