package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FmtTest {
    @Test
    void quantities_fit_in_five_characters() {
        assertThat(Fmt.qty(0)).isEqualTo("0");
        assertThat(Fmt.qty(2.5)).isEqualTo("2.5");
        assertThat(Fmt.qty(999)).isEqualTo("999");
        assertThat(Fmt.qty(1_000)).isEqualTo("1k");
        assertThat(Fmt.qty(1_234)).isEqualTo("1.23k");
        assertThat(Fmt.qty(12_345)).isEqualTo("12.3k");
        assertThat(Fmt.qty(123_456)).isEqualTo("123k");
        assertThat(Fmt.qty(1_500_000)).isEqualTo("1.5M");
        assertThat(Fmt.qty(-1)).as("the engine's could-not-read").isEqualTo("-");
    }

    @Test
    void latencies_pick_their_unit() {
        assertThat(Fmt.micros(850, true)).isEqualTo("850µs");
        assertThat(Fmt.micros(850, false)).isEqualTo("850us");
        assertThat(Fmt.micros(3_400, true)).isEqualTo("3.4ms");
        assertThat(Fmt.micros(120_000, true)).isEqualTo("120ms");
        assertThat(Fmt.micros(1_250_000, true)).isEqualTo("1.25s");
    }

    @Test
    void counts_durations_and_spans() {
        assertThat(Fmt.count(1_234_567)).isEqualTo("1,234,567");
        assertThat(Fmt.interval(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(Fmt.interval(Duration.ofMillis(2_500))).isEqualTo("2.5s");
        assertThat(Fmt.elapsed(62_000)).isEqualTo("1:02");
        assertThat(Fmt.elapsed(3_723_000)).isEqualTo("1:02:03");
        assertThat(Fmt.elapsed(90_000_000)).isEqualTo("1d 01:00");
        assertThat(Fmt.span(64_000)).isEqualTo("1m04s");
        assertThat(Fmt.span(600_000)).isEqualTo("10m");
        assertThat(Fmt.fit("stream-copy", 6)).isEqualTo("strea~");
    }
}
