package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.stores.Stores;
import dev.sluice.testing.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice experiment} as a user runs it: bad input is one line and exit 2; a run prints its table and writes a report that parses. */
class ExperimentMainIT {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExperimentMain.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void oneLine(Run r, String expected) {
        assertThat(r.code()).as("exit code; stderr %s", r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as("stderr").hasSize(1);
        assertThat(r.err()).startsWith("sluice experiment: ").contains(expected);
    }

    @Test
    void bad_input_is_one_line_and_exit_2() throws Exception {
        oneLine(run("nope"), "no experiment named 'nope'; built-in ones are stages, insert-vs-copy, workers, max-rate");
        oneLine(run("--describe", "nope"), "no experiment named 'nope'");
        oneLine(run("max-rate", "--slo", "p99=50"), "--slo p99 needs a unit");
        oneLine(run("max-rate", "--slo", "latency=5ms"), "--slo: expected p99=DURATION");
        oneLine(run(), "give an experiment's NAME");
        Path bad = dir.resolve("bad.json");
        Files.writeString(
                bad,
                "{\"name\":\"x\",\"steps\":[{\"label\":\"a\",\"load\":{\"profile\":\"stress\"},\"measure\":\"5\"}]}");
        oneLine(run("--file", bad.toString()), "measure needs a unit");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "name: [x\n");
        oneLine(run("--file", broken.toString()), "is not valid JSON or YAML");
        Path noSteps = dir.resolve("empty.yaml");
        Files.writeString(noSteps, "name: x\nsteps: []\n");
        oneLine(run("--file", noSteps.toString()), "an experiment needs a list of steps");
    }

    @Test
    void list_and_describe_print_the_built_in_experiments() {
        Run list = run("--list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("stages", "insert-vs-copy", "workers", "max-rate");
        Run describe = run("--describe", "workers");
        assertThat(describe.code()).isZero();
        assertThat(describe.out()).contains("1 worker", "32 workers", "10s + 30s", "[3s + 12s]");
    }

    @Test
    void a_yaml_experiment_prints_its_table_and_writes_a_report_whose_html_parses() throws Exception {
        Stores stores = TestStores.freshDatabase("experiment_cli");
        Path file = dir.resolve("mine.yaml");
        Files.writeString(file, """
                name: my-batches
                title: Batch 50 vs 500
                steps:
                  - label: batch 50
                    title: COPY, batches of 50
                    knobs: {batchSize: 50, mode: stream-copy}
                    load: {profile: stress, model: closed, users: 2}
                    warmUp: 1s
                    measure: 2s
                  - label: batch 500
                    knobs: {batchSize: 500}
                    load: {profile: firehose, model: open, rate: 200}
                    warmUp: 1s
                    measure: 2s
                """);
        Path report = dir.resolve("report");
        List<String> args = new ArrayList<>(List.of(
                "--file",
                file.toString(),
                "--pace",
                "test",
                "--report",
                report.toString(),
                "--port",
                "0",
                "--warm-up",
                "0s",
                "--tick",
                "200ms",
                "--data-dir",
                dir.resolve("data").toString()));
        args.addAll(TestStores.engineFlags(stores));
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code())
                .as("exit code; stdout %s; stderr %s", r.out(), r.err())
                .isZero();
        assertThat(r.out())
                .as(r.out())
                .contains("step 1/2  batch 50: warm-up", "finished", "Batch 50 vs 500 (my-batches, test pace)")
                .contains("warm-up: 0.5 s of load before each 1.5 s measured");
        String table = r.out().substring(r.out().indexOf("Batch 50 vs 500 (my-batches"));
        assertThat(table.lines().filter(l -> l.startsWith("batch ")).toList())
                .as("table rows in %s", table)
                .hasSize(2);
        assertThat(table.lines().findFirst().orElse("")).isNotEmpty();
        assertThat(table).contains("Avg RPS req/s", "p99 ms", "events accepted events", "rows landed rows");

        for (String f :
                List.of("results.csv", "results.json", "throughput.png", "latency.png", "lag.png", "report.html")) {
            assertThat(report.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(report.resolve("results.csv"))).hasSize(3);
        Document html = Jsoup.parse(report.resolve("report.html").toFile(), "UTF-8");
        assertThat(html.select("table#results tr"))
                .as("header + one row per step")
                .hasSize(3);
        assertThat(html.select("table#results tr").get(1).select("td").first().text())
                .isEqualTo("batch 50");
        assertThat(html.select(".step h3").eachText()).containsExactly("1. batch 50", "2. batch 500");
        assertThat(html.select("img[src^=data:image/png;base64,]")).hasSize(3);
    }
}
