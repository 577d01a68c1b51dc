package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void units_and_their_combinations_parse() {
        assertThat(Durations.parse("--tick", "250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("--tick", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("--tick", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("--tick", "1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("--retention", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("--retention", "1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(Durations.parse("--tick", " 1m 30S ")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("--tick", "0s")).isZero();
    }

    @Test
    void iso_8601_parses_too() {
        assertThat(Durations.parse("--tick", "PT2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parse("--tick", "pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> Durations.parse("--tick", "PT-1S"))
                .hasMessage("--tick must be a duration such as 250ms, 2s, 5m, 1h, 1m30s or PT2S, was 'PT-1S'");
    }

    @Test
    void a_bare_number_is_refused_with_the_setting_and_an_example() {
        assertThatThrownBy(() -> Durations.parse("--flush-interval", "100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--flush-interval needs a unit, e.g. 100ms or 100s, was '100'");
    }

    @Test
    void anything_else_names_the_setting_and_the_value() {
        assertThatThrownBy(() -> Durations.parse("SLUICE_TICK", "soon"))
                .hasMessage("SLUICE_TICK must be a duration such as 250ms, 2s, 5m, 1h, 1m30s or PT2S, was 'soon'");
        assertThatThrownBy(() -> Durations.parse("--tick", "2 weeks")).hasMessageContaining("was '2 weeks'");
        assertThatThrownBy(() -> Durations.parse("--tick", "")).hasMessageContaining("was ''");
    }

    @Test
    void format_reads_back() {
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofHours(26).plusMillis(5))).isEqualTo("26h5ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        for (Duration d : new Duration[] {Duration.ofMinutes(61), Duration.ofNanos(1500), Duration.ofMillis(1)}) {
            assertThat(Durations.parse("--x", Durations.format(d))).isEqualTo(d);
        }
    }
}
