package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.EngineSession;
import dev.sluice.api.EngineSessions;
import dev.sluice.engine.LocalStack;
import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.TestStores;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --attach}: the console drives a headless engine over its control API, shows it
 * disconnected when it goes away and connected again when it comes back on the same address.
 */
class AttachIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The module's shared stores with a database of this test's own: they outlive both engines. */
    static Stores stores;

    static int port;

    @BeforeAll
    static void choosePort() throws Exception {
        stores = TestStores.freshDatabase("tui_attach");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
    }

    private static LocalStack startEngine() {
        List<String> args = new ArrayList<>(TestStores.engineFlags(stores));
        args.addAll(List.of("--port", String.valueOf(port), "--tick", "250ms"));
        return LocalStack.start(EngineOptions.parse(args.toArray(String[]::new), Map.of()));
    }

    @Test
    void attached_console_tunes_a_remote_engine_and_follows_it_through_a_restart() {
        LocalStack first = startEngine();
        URI target = URI.create("http://127.0.0.1:" + port);
        try (EngineSession attached = EngineSessions.attach(target, null);
                VirtualConsole vc = new VirtualConsole(
                        attached.control(), 80, 24, new Theme(true, true), target.toString(), false)) {
            Await.until("the attached engine on screen", WAIT, () -> {
                String top = String.join("\n", vc.frame().subList(0, 2));
                return top.contains("RUNNING") && top.contains("● connected");
            });
            assertThat(vc.rows().get(1)).contains("attached 127.0.0.1:" + port);

            assertThat(attached.local()).isFalse();
            // three quick presses: each builds on the one before (the console asks the engine, not a tick-old snapshot)
            int workers = first.engine().knobs().workers();
            vc.press('+');
            vc.press('+');
            vc.press('+');
            vc.frame();
            assertThat(first.engine().knobs().workers()).isEqualTo(workers + 3);

            first.close(Duration.ofSeconds(10));
            Await.until("the console to show the engine gone", WAIT, () -> {
                String top = String.join("\n", vc.frame().subList(0, 2));
                return top.contains("DISCONNECTED") && top.contains("reconnecting");
            });
            vc.press('+');
            assertThat(vc.frame().get(23)).contains("refused:", "unreachable");

            LocalStack second = startEngine();
            try {
                Await.until("the console to reconnect", WAIT, () -> {
                    String top = String.join("\n", vc.frame().subList(0, 2));
                    return top.contains("RUNNING") && top.contains("● connected") && !top.contains("DISCONNECTED");
                });
                vc.save("attached-after-restart");
                vc.press('-');
                Await.until(
                        "the knob change on the restarted engine",
                        WAIT,
                        () -> second.engine().knobs().workers() == 9);
            } finally {
                second.close(Duration.ofSeconds(10));
            }
        } finally {
            first.close(Duration.ofSeconds(10));
        }
    }
}
