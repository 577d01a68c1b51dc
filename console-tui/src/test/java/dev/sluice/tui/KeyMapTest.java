package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.sluice.tui.KeyMap.Command;
import dev.sluice.tui.KeyMap.Scope;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyMapTest {
    private final KeyMap keys = KeyMap.standard();

    @Test
    void every_command_has_a_key_and_no_key_is_bound_twice_where_it_works() {
        Set<Command> bound = EnumSet.noneOf(Command.class);
        Set<String> seen = new HashSet<>();
        for (KeyMap.Binding b : keys.bindings()) {
            bound.add(b.command());
            assertThat(seen.add(b.scope() + " " + b.key().label()))
                    .as("%s bound once", b.key().label())
                    .isTrue();
        }
        assertThat(bound).containsExactlyInAnyOrder(Command.values());
    }

    @Test
    void the_keys_the_issue_names_do_what_it_says() {
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('+', false, false)))
                .contains(Command.WORKERS_UP);
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('P', false, true)))
                .contains(Command.PROFILE);
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('p', false, false)))
                .contains(Command.PAUSE);
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('}', false, false)))
                .contains(Command.FLUSH_UP);
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('w', false, false)))
                .contains(Command.VIEW);
        assertThat(keys.dispatch(Scope.HELP, new KeyStroke(KeyType.Escape))).contains(Command.CLOSE_HELP);
        assertThat(keys.dispatch(Scope.HELP, new KeyStroke('+', false, false))).isEmpty();
        assertThat(keys.dispatch(Scope.CONFIRM, new KeyStroke('c', true, false)))
                .contains(Command.QUIT_NOW);
        assertThat(keys.dispatch(Scope.DASHBOARD, new KeyStroke('c', false, false)))
                .isEmpty();
    }
}
