package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.IngestMode;
import dev.sluice.api.Knobs;
import org.junit.jupiter.api.Test;

class BannerModelTest {

    @Test
    void the_ingest_mode_is_shown_big_and_coloured_by_what_it_is() {
        Knobs k = Knobs.defaults();
        BannerModel.Banner direct = BannerModel.of(Snapshots.tick(1)
                .knobs(k.withMode(IngestMode.DIRECT_INSERT))
                .ok(2900)
                .latency(180_000, 0)
                .lag(0, 0)
                .build());
        assertThat(direct.mode()).isEqualTo("DIRECT-INSERT");
        assertThat(direct.tone()).isEqualTo(BannerModel.Tone.BASELINE);
        assertThat(direct.requests()).isEqualTo("2,900 req/s");
        assertThat(direct.latency()).isEqualTo("p99 180 ms");
        assertThat(BannerModel.of(Snapshots.tick(1)
                        .knobs(k)
                        .rows(95_000, 800)
                        .lag(40_000, 12_345)
                        .build()))
                .satisfies(b -> {
                    assertThat(b.tone()).isEqualTo(BannerModel.Tone.FAST);
                    assertThat(b.rows()).isEqualTo("95,000 rows/s");
                    assertThat(b.lag()).isEqualTo("lag 12,345");
                });
        assertThat(BannerModel.of(Snapshots.tick(1).knobs(k.withPaused(true)).build())
                        .mode())
                .isEqualTo("STREAM-COPY (PAUSED)");
        assertThat(BannerModel.of(null)).isEqualTo(BannerModel.Banner.EMPTY);
    }
}
