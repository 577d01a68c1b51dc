package dev.sluice.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void ids_drawn_from_eight_threads_are_all_distinct() throws Exception {
        EventIds ids = new EventIds();
        int threads = 8;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<List<UUID>>> drawn = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                drawn.add(pool.submit(() -> {
                    go.await();
                    List<UUID> mine = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        mine.add(EventIds.toUuid(ids.next()));
                    }
                    return mine;
                }));
            }
            go.countDown();
            Set<UUID> all = new HashSet<>();
            for (Future<List<UUID>> f : drawn) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ids_are_version_8_uuids_with_the_rfc_variant() {
        UUID id = EventIds.toUuid(new EventIds(-1L).next());
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void two_engine_starts_draw_different_prefixes() {
        UUID a = EventIds.toUuid(new EventIds().next());
        UUID b = EventIds.toUuid(new EventIds().next());
        assertThat(a.getMostSignificantBits()).isNotEqualTo(b.getMostSignificantBits());
    }

    @Test
    void a_legacy_entry_always_maps_to_the_same_id_and_distinct_entries_to_distinct_ids() {
        assertThat(EventIds.forLegacyEntry("1732259100000-3")).isEqualTo(EventIds.forLegacyEntry("1732259100000-3"));
        assertThat(EventIds.forLegacyEntry("1732259100000-3")).isNotEqualTo(EventIds.forLegacyEntry("1732259100000-4"));
        assertThat(EventIds.toUuid(EventIds.forLegacyEntry("1-0")).version()).isEqualTo(3);
    }
}
