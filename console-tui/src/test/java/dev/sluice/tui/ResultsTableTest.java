package dev.sluice.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    @Test
    void columns_that_do_not_fit_are_left_out_from_the_right_and_named_by_their_short_form() {
        var rows = List.of(Stages.row(0), Stages.row(1));
        ResultsTable.Fitted narrow = ResultsTable.fit(rows, "", 78);
        assertThat(narrow.head()).startsWith("step  ").endsWith("errors");
        assertThat(narrow.hidden()).containsExactly("max lag", "recovery", "accepted", "landed");
        assertThat(narrow.rows()).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(78));

        ResultsTable.Fitted wide = ResultsTable.fit(rows, "", 200);
        assertThat(wide.hidden()).isEmpty();
        assertThat(wide.head()).endsWith("accepted  landed");
        assertThat(wide.units()).endsWith("events    rows");
        assertThat(wide.rows().get(1)).contains("n/a", "429×3").endsWith("24,000  24,000");

        assertThat(ResultsTable.fit(rows, "a step with a much longer label than any row", 200)
                        .labelWidth())
                .isEqualTo(44);
        assertThat(ResultsTable.fit(List.of(), "", 80).head()).isEqualTo("step");
    }
}
