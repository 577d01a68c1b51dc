package dev.sluice.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {
    private final AtomicInteger writesFailed = new AtomicInteger();
    private final HttpClient client = HttpClient.newHttpClient();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        ProblemMappers.install(app, writesFailed::incrementAndGet);
        app.post("/write", ctx -> {
            throw new IllegalStateException("a bug on the write path");
        });
        app.get("/control/snapshot", ctx -> {
            throw new IllegalStateException("a bug on a control route");
        });
        app.get("/control/knobs", ctx -> {
            throw Problem.badRequest("knobs must be JSON");
        });
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void a_500_counts_as_a_failed_write_only_on_post_write() throws Exception {
        HttpResponse<String> write =
                send(HttpRequest.newBuilder(uri("/write")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(write.statusCode()).isEqualTo(500);
        assertThat(writesFailed).hasValue(1);

        HttpResponse<String> control =
                send(HttpRequest.newBuilder(uri("/control/snapshot")).GET());
        assertThat(control.statusCode()).isEqualTo(500);
        assertThat(control.headers().firstValue("Content-Type")).hasValue(HttpApi.PROBLEM_JSON);
        assertThat(control.body()).contains("unexpected failure; the engine log has the details");
        assertThat(writesFailed)
                .as("a control route's 500 is not a failed write")
                .hasValue(1);
    }

    @Test
    void control_route_problems_render_as_problem_json() throws Exception {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(uri("/control/knobs")).GET());

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue(HttpApi.PROBLEM_JSON);
        assertThat(r.body()).contains("\"detail\":\"knobs must be JSON\"").contains("\"instance\":\"/control/knobs\"");
        assertThat(writesFailed).hasValue(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
