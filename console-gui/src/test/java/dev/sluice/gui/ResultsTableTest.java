package dev.sluice.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.ExperimentStatus;
import dev.sluice.api.ExperimentStatus.Cell;
import dev.sluice.api.ExperimentStatus.Phase;
import dev.sluice.api.ExperimentStatus.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    @Test
    void a_row_per_finished_step_with_the_engines_columns_and_units_in_the_headers() {
        ResultsTable t = ResultsTable.of(ExperimentStatuses.running(2, Phase.MEASURE, null));
        assertThat(t.headers())
                .containsExactly(
                        "step", "Avg RPS (req/s)", "p99 (ms)", "error rate (%)", "recovery (s)", "SLO", "events/s");
        assertThat(t.rows())
                .containsExactly(
                        List.of("direct-insert / realistic", "1,234", "12.3", "0.50%", "n/a", "pass", "2,000"),
                        List.of("direct-insert / stress", "2,469", "24.7", "0.50%", "n/a", "pass", "2,000"));
        assertThat(t.summary()).isEqualTo("2 of 4 steps finished");
    }

    @Test
    void before_the_first_row_the_table_says_when_it_comes() {
        ResultsTable t = ResultsTable.of(ExperimentStatuses.running(0, Phase.WARM_UP, null));
        assertThat(t.headers()).containsExactly("step");
        assertThat(t.rows()).isEmpty();
        assertThat(t.summary()).isEqualTo("0 of 4 steps finished; the first row appears when step 1 has drained");
    }

    @Test
    void an_ended_run_keeps_its_rows_and_gives_its_verdict() {
        ResultsTable stopped = ResultsTable.of(ExperimentStatuses.ended(State.STOPPED, 3, "stopped in step 4"));
        assertThat(stopped.rows()).hasSize(3);
        assertThat(stopped.rows().get(2)).startsWith("stream-copy / realistic");
        assertThat(stopped.summary()).isEqualTo("stopped: 3 of 4 steps finished · stopped in step 4");
        assertThat(ResultsTable.of(ExperimentStatus.NONE)).isEqualTo(ResultsTable.EMPTY);
    }

    @Test
    void headers_carry_their_unit_unless_it_repeats_the_name() {
        assertThat(ResultsTable.header(Cell.number("rows/s", "rows/s", 1))).isEqualTo("rows/s");
        assertThat(ResultsTable.header(Cell.number("errors", "", 1))).isEqualTo("errors");
        assertThat(ResultsTable.header(Cell.number("max lag", "events", 1))).isEqualTo("max lag (events)");
    }
}
