package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentStatus.Cell;
import org.junit.jupiter.api.Test;

class ExperimentStatusTest {
    @Test
    void cells_print_their_text_n_a_for_nan_and_a_precision_that_suits_the_unit() {
        assertThat(Cell.text("errors", "429×120").formatted()).isEqualTo("429×120");
        assertThat(Cell.text("SLO", "pass").formatted()).isEqualTo("pass");
        assertThat(Cell.number("p99", "ms", Double.NaN).formatted()).isEqualTo("n/a");
        assertThat(Cell.number("p99", "ms", 1234.5).formatted()).isEqualTo("1,235");
        assertThat(Cell.number("p99", "ms", 3.14).formatted()).isEqualTo("3.1");
        assertThat(Cell.number("CPU/event", "µs", 42.0).formatted()).isEqualTo("42.0");
        assertThat(Cell.number("error rate", "%", 0.123).formatted()).isEqualTo("0.12%");
        assertThat(Cell.number("rows/s", "rows/s", 95_432.6).formatted()).isEqualTo("95,433");
    }
}
