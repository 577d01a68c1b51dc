package dev.sluice.tui;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.api.MetricsSnapshot.StoreHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The store-health words of the header: which store is down and for how long, and the last recovery. */
final class HealthText {
    private HealthText() {}

    /** {@code redis down 0:07} per store that degrades the engine, as of the snapshot's time; "" when none. */
    static String down(MetricsSnapshot s) {
        List<String> parts = new ArrayList<>();
        for (String store : s.health().degradedBy()) {
            StoreHealth h = s.health().of(store);
            long millis =
                    h.since() == null ? 0 : s.at().toEpochMilli() - h.since().toEpochMilli();
            parts.add(store + " down " + Fmt.elapsed(millis));
        }
        return String.join(" · ", parts);
    }

    /** {@code redis back after 3.2 s}: the latest outage that ended; "" when none did. */
    static String lastRecovery(MetricsSnapshot s) {
        String best = "";
        long bestAt = Long.MIN_VALUE;
        for (String store : List.of("postgres", "redis")) {
            StoreHealth h = s.health().of(store);
            if (h.up()
                    && h.lastRecoveryMillis() >= 0
                    && h.since() != null
                    && h.since().toEpochMilli() > bestAt) {
                bestAt = h.since().toEpochMilli();
                best = store + " back after " + String.format(Locale.ROOT, "%.1f s", h.lastRecoveryMillis() / 1000.0);
            }
        }
        return best;
    }
}
