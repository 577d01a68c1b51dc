package dev.sluice.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;
import java.util.Optional;

/**
 * Every key the console binds, in one table: the dispatcher looks keys up here and the help
 * overlay prints this same table, so the overlay cannot list a key that does nothing or miss one
 * that does something.
 */
final class KeyMap {

    /** What a key does; {@link Console} carries each one out. */
    enum Command {
        HELP,
        CLOSE_HELP,
        WORKERS_UP,
        WORKERS_DOWN,
        BATCH_UP,
        BATCH_DOWN,
        FLUSH_UP,
        FLUSH_DOWN,
        MODE,
        PAUSE,
        WATER_UP,
        WATER_DOWN,
        LOAD,
        PROFILE,
        MODEL,
        LOAD_UP,
        LOAD_DOWN,
        SPAN,
        VIEW,
        EXPERIMENT,
        STOP_EXPERIMENT,
        BANNER,
        PICK_UP,
        PICK_DOWN,
        PICK_PACE,
        PICK_START,
        PICK_CANCEL,
        QUIT,
        QUIT_NOW,
        CONFIRM,
        CANCEL
    }

    /**
     * Where a key works: everywhere, on the dashboard, in the help overlay, in the experiment picker
     * or in a yes/no prompt (quit while a load or an experiment runs, stop the experiment).
     */
    enum Scope {
        ANYWHERE("Anywhere"),
        DASHBOARD("Dashboard"),
        HELP("Help"),
        PICKER("Experiment picker"),
        CONFIRM("Quit or stop prompt");

        private final String title;

        Scope(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }
    }

    /**
     * One key: a character (with Ctrl or not) or a special key such as Esc.
     *
     * @param label how the help overlay and footer write it
     */
    record Key(Character ch, KeyType type, boolean ctrl, String label) {
        static Key of(char c) {
            return new Key(c, KeyType.Character, false, String.valueOf(c));
        }

        static Key ctrl(char c) {
            return new Key(c, KeyType.Character, true, "Ctrl-" + Character.toUpperCase(c));
        }

        static Key special(KeyType type, String label) {
            return new Key(null, type, false, label);
        }

        boolean matches(KeyStroke k) {
            if (k.getKeyType() != type) {
                return false;
            }
            return ch == null || (ch.equals(k.getCharacter()) && ctrl == k.isCtrlDown());
        }
    }

    /** One row of the table. */
    record Binding(Scope scope, Key key, Command command, String description) {}

    private final List<Binding> bindings;

    private KeyMap(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /** The console's keys. */
    static KeyMap standard() {
        return new KeyMap(List.of(
                new Binding(Scope.DASHBOARD, Key.of('?'), Command.HELP, "this help"),
                new Binding(Scope.DASHBOARD, Key.of('+'), Command.WORKERS_UP, "one more worker"),
                new Binding(Scope.DASHBOARD, Key.of('-'), Command.WORKERS_DOWN, "one worker fewer"),
                new Binding(Scope.DASHBOARD, Key.of(']'), Command.BATCH_UP, "bigger batches"),
                new Binding(Scope.DASHBOARD, Key.of('['), Command.BATCH_DOWN, "smaller batches"),
                new Binding(Scope.DASHBOARD, Key.of('}'), Command.FLUSH_UP, "longer flush interval"),
                new Binding(Scope.DASHBOARD, Key.of('{'), Command.FLUSH_DOWN, "shorter flush interval"),
                new Binding(Scope.DASHBOARD, Key.of('m'), Command.MODE, "next ingest mode"),
                new Binding(Scope.DASHBOARD, Key.of('p'), Command.PAUSE, "pause / resume workers"),
                new Binding(Scope.DASHBOARD, Key.of(')'), Command.WATER_UP, "raise the water marks (429)"),
                new Binding(Scope.DASHBOARD, Key.of('('), Command.WATER_DOWN, "lower the water marks"),
                new Binding(Scope.DASHBOARD, Key.of('l'), Command.LOAD, "start / stop the load"),
                new Binding(Scope.DASHBOARD, Key.of('P'), Command.PROFILE, "next load profile"),
                new Binding(Scope.DASHBOARD, Key.of('o'), Command.MODEL, "load model open / closed"),
                new Binding(Scope.DASHBOARD, Key.of('>'), Command.LOAD_UP, "more users (rate)"),
                new Binding(Scope.DASHBOARD, Key.of('<'), Command.LOAD_DOWN, "fewer users (rate)"),
                new Binding(Scope.DASHBOARD, Key.of('t'), Command.SPAN, "chart span: live/5m/10m"),
                new Binding(Scope.DASHBOARD, Key.of('w'), Command.VIEW, "charts/workloads/nodes/exp."),
                new Binding(Scope.DASHBOARD, Key.of('e'), Command.EXPERIMENT, "start an experiment"),
                new Binding(Scope.DASHBOARD, Key.of('x'), Command.STOP_EXPERIMENT, "stop the experiment (asks)"),
                new Binding(Scope.DASHBOARD, Key.of('b'), Command.BANNER, "hide/show experiment banner"),
                new Binding(Scope.DASHBOARD, Key.of('q'), Command.QUIT, "quit (asks if load runs)"),
                new Binding(Scope.ANYWHERE, Key.ctrl('c'), Command.QUIT_NOW, "quit at once"),
                new Binding(Scope.HELP, Key.special(KeyType.Escape, "Esc"), Command.CLOSE_HELP, "close this help"),
                new Binding(Scope.HELP, Key.of('?'), Command.CLOSE_HELP, "close this help"),
                new Binding(Scope.PICKER, Key.special(KeyType.ArrowUp, "Up"), Command.PICK_UP, "previous experiment"),
                new Binding(Scope.PICKER, Key.special(KeyType.ArrowDown, "Down"), Command.PICK_DOWN, "next experiment"),
                new Binding(Scope.PICKER, Key.special(KeyType.Tab, "Tab"), Command.PICK_PACE, "pace: quick/full/test"),
                new Binding(Scope.PICKER, Key.special(KeyType.Enter, "Enter"), Command.PICK_START, "start it"),
                new Binding(
                        Scope.PICKER, Key.special(KeyType.Escape, "Esc"), Command.PICK_CANCEL, "close, start nothing"),
                new Binding(Scope.CONFIRM, Key.of('y'), Command.CONFIRM, "yes: stop it (and quit)"),
                new Binding(Scope.CONFIRM, Key.of('n'), Command.CANCEL, "no, keep running"),
                new Binding(Scope.CONFIRM, Key.special(KeyType.Escape, "Esc"), Command.CANCEL, "no, keep running")));
    }

    /** Every binding, in the order the help overlay shows them. */
    List<Binding> bindings() {
        return bindings;
    }

    /** The command {@code key} runs in {@code scope} (then in {@link Scope#ANYWHERE}), if any. */
    Optional<Command> dispatch(Scope scope, KeyStroke key) {
        for (Scope s : new Scope[] {scope, Scope.ANYWHERE}) {
            for (Binding b : bindings) {
                if (b.scope() == s && b.key().matches(key)) {
                    return Optional.of(b.command());
                }
            }
        }
        return Optional.empty();
    }

    /** The label of the first key bound to {@code command}, for the footer's key hints. */
    String labelOf(Command command) {
        return bindings.stream()
                .filter(b -> b.command() == command)
                .map(b -> b.key().label())
                .findFirst()
                .orElse("?");
    }
}
