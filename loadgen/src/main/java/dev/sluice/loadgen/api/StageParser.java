package dev.sluice.loadgen.api;

import dev.sluice.api.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parser behind {@link StagePlan#parse}: a plan splits on commas, a stage on whitespace. */
final class StageParser {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)(k?)");
    private static final double MAX_VALUE = 10_000_000;

    private final String text;
    private final List<Stage> stages = new ArrayList<>();
    private LoadModel model;
    private double current;
    private String stageText;
    private int stageNo;

    StageParser(String text, double initial) {
        this.text = text == null ? "" : text;
        this.current = initial;
    }

    StagePlan parse() {
        if (text.isBlank()) {
            throw new IllegalArgumentException("stage plan is empty (e.g. \"0->100 users over 30s, hold 60s\")");
        }
        for (String part : text.split("[,;]")) {
            stageNo++;
            stageText = part.trim();
            List<String> words = tokens(stageText);
            if (words.isEmpty()) {
                throw fail("is empty");
            }
            stage(words);
        }
        if (model == null) {
            throw new IllegalArgumentException("stage plan \"" + text.trim()
                    + "\" never says users or rate (e.g. \"100 users over 10s, hold 30s\")");
        }
        return new StagePlan(model, stages);
    }

    private static List<String> tokens(String stage) {
        String s = stage.toLowerCase(Locale.ROOT).replace("\u2192", "->").replace("->", " -> ");
        // "20 s" reads as "20s"; "1m 30s" as "1m30s"
        s = s.replaceAll("(\\d)\\s+(ms|s|m|h)\\b", "$1$2")
                .replaceAll("(\\d(?:ms|s|m|h))\\s+(?=\\d+(?:ms|s|m|h)\\b)", "$1");
        List<String> out = new ArrayList<>();
        for (String w : s.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private void stage(List<String> w) {
        String first = w.get(0);
        if (first.equals("hold")) {
            expectSize(w, 2, "hold DURATION");
            add(current, current, duration(w.get(1)));
        } else if (first.equals("users") || first.equals("rate") || first.equals("rps")) {
            steps(w, first.equals("users") ? LoadModel.CLOSED : LoadModel.OPEN);
        } else {
            ramp(w);
        }
    }

    private void steps(List<String> w, LoadModel kind) {
        List<Double> values = new ArrayList<>();
        int i = 1;
        while (i < w.size() && NUMBER.matcher(w.get(i)).matches()) {
            values.add(number(w.get(i++)));
        }
        if (values.isEmpty()) {
            throw fail("expected a number after '" + w.get(0) + "', got "
                    + (i < w.size() ? "'" + w.get(i) + "'" : "nothing"));
        }
        if (i < w.size() && w.get(i).equals("for")) {
            i++;
        }
        if (i >= w.size()) {
            throw fail("needs a duration (e.g. \"" + w.get(0) + " 100 for 20s\")");
        }
        Duration d = duration(w.get(i++));
        if (i < w.size() && w.get(i).equals("each")) {
            i++;
        }
        if (i < w.size()) {
            throw fail("unexpected '" + w.get(i) + "'");
        }
        model(kind);
        for (double v : values) {
            add(v, v, d);
        }
    }

    private void ramp(List<String> w) {
        int i = 0;
        double from = current;
        if (w.size() > 1 && w.get(1).equals("->")) {
            from = number(w.get(0));
            i = 2;
        }
        if (w.size() - i != 4 || !w.get(i + 2).equals("over")) {
            throw fail(
                    "expected \"[FROM->]TO users|rps over DURATION\", \"users|rate N for DURATION\" or \"hold DURATION\"");
        }
        double to = number(w.get(i));
        String unit = w.get(i + 1);
        switch (unit) {
            case "users", "user" -> model(LoadModel.CLOSED);
            case "rps", "rate", "req/s" -> model(LoadModel.OPEN);
            default -> throw fail("unit must be 'users' or 'rps', was '" + unit + "'");
        }
        add(from, to, duration(w.get(i + 3)));
    }

    private void add(double from, double to, Duration d) {
        stages.add(new Stage(from, to, d));
        current = to;
    }

    private void model(LoadModel kind) {
        if (model != null && model != kind) {
            throw fail("sets " + (kind == LoadModel.OPEN ? "a rate" : "users") + " but earlier stages set "
                    + (model == LoadModel.OPEN ? "a rate" : "users") + " (one model per run)");
        }
        model = kind;
    }

    private double number(String word) {
        Matcher m = NUMBER.matcher(word);
        if (!m.matches()) {
            throw fail("'" + word + "' is not a number (e.g. 250, 1.5k)");
        }
        double v = Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
        if (v > MAX_VALUE) {
            throw fail("'" + word + "' is above 10,000,000");
        }
        return v;
    }

    private Duration duration(String word) {
        Duration d;
        try {
            d = Durations.parse("", word);
        } catch (IllegalArgumentException e) {
            throw fail("'" + word + "' is not a duration (e.g. 500ms, 20s, 2m, 1m30s)");
        }
        if (d.isZero()) {
            throw fail("duration '" + word + "' is zero");
        }
        return d;
    }

    private void expectSize(List<String> w, int n, String shape) {
        if (w.size() != n) {
            throw fail("expected \"" + shape + "\"");
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException("stage " + stageNo + " (\"" + stageText + "\"): " + why);
    }
}
