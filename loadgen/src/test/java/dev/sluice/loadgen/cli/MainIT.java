package dev.sluice.loadgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainIT {
    private static HttpServer server;
    private static String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.createContext("/write", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = "{\"accepted\":1}".getBytes();
            ex.sendResponseHeaders(202, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bad_input_exits_2_with_one_line_and_no_stack_trace() {
        String[][] cases = {
            {"--url", url, "--profile", "nope"},
            {"--url", url, "--rate", "-5"},
            {"--url", url, "--stages", "0->10 users over 5s, hodl 3s"},
            {"--url", "http://127.0.0.1:1", "--profile", "firehose", "--duration", "2s"},
            {"--url", url, "--frobnicate"},
        };
        for (String[] args : cases) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().lines()).as(r.err()).hasSize(1);
            assertThat(r.err())
                    .startsWith("sluice loadgen: ")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("--url", "http://127.0.0.1:1", "--profile", "firehose").err())
                .contains("cannot connect to http://127.0.0.1:1");
    }

    @Test
    void help_exits_0_and_lists_the_options() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("Usage: sluice loadgen")
                .contains("--stages PLAN")
                .contains("(default: 30s)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void a_run_prints_live_lines_and_a_summary_and_writes_the_report(@TempDir Path dir) {
        Result r = run(
                "--url",
                url,
                "--profile",
                "firehose",
                "--users",
                "2",
                "--connections",
                "2",
                "--duration",
                "2s",
                "--report",
                dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(LiveLine.HEADER)
                .contains("Avg RPS")
                .contains("events/s")
                .contains("error rate")
                .contains("max lag")
                .contains("report.html");
        assertThat(r.out().lines().filter(l -> l.matches(" +\\d+ (running|stopping) .*")))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(dir.resolve("report.html")).exists();
        assertThat(dir.resolve("ticks.csv")).exists();
    }

    @Test
    void errors_are_reported_not_fatal() throws Exception {
        // no such path on the server: every answer is a 404
        Result r = run(
                "--url",
                url + "/nowhere",
                "--profile",
                "firehose",
                "--users",
                "1",
                "--connections",
                "1",
                "--requests",
                "20",
                "--quiet");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("100.00%").contains("{404=20}");
        assertThat(Files.exists(Path.of("report.html"))).isFalse();
    }
}
