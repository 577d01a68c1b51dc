package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.engine.config.EngineConfig;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.stores.Stores;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import dev.sluice.testing.TestStores;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Off loopback, GET /messages needs the control token; with an ingest token, POST /write needs it. 401 changes nothing. */
class ReadTokenIT {
    private static final String CONTROL = "control-token-for-read-it";
    private static final String INGEST = "ingest-token-for-read-it";

    @Test
    void reads_need_the_control_token_and_writes_the_ingest_token_off_loopback() {
        Stores stores = TestStores.freshDatabase("read_token");
        // the same rule the CLI applies: --host 0.0.0.0 protects the read routes with the control token
        EngineOptions cli =
                EngineOptions.parse(new String[] {"--host", "0.0.0.0", "--control-token", CONTROL}, Map.of());
        assertThat(cli.config().control().readToken()).isEqualTo(CONTROL);
        EngineConfig base = TestEngines.config("read_token_stream");
        EngineConfig config = base.withApi(base.api().withHost("0.0.0.0"))
                .withControl(base.control()
                        .withToken(CONTROL)
                        .withProtectedReads(true)
                        .withIngestToken(INGEST));
        try (Engine engine = TestEngines.started(config, stores)) {
            URI api = URI.create("http://127.0.0.1:" + engine.apiUri().getPort());

            HttpResponse<String> noToken = Http.get(api, "/messages");
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Bearer");
            assertThat(noToken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(send(get(api, "/messages", "wrong-token")).statusCode()).isEqualTo(401);
            assertThat(send(get(api, "/messages", INGEST)).statusCode())
                    .as("the ingest token does not read")
                    .isEqualTo(401);
            assertThat(send(get(api, "/messages", CONTROL)).statusCode()).isEqualTo(200);

            HttpResponse<String> anonymous = Http.post(api, "/write", "{\"seq\":1}");
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse(""))
                    .startsWith("Bearer");
            assertThat(send(post(api, "{\"seq\":2}", "wrong-token")).statusCode())
                    .isEqualTo(401);
            assertThat(send(post(api, "{\"seq\":3}", INGEST)).statusCode()).isEqualTo(202);

            assertThat(Http.get(api, "/health").statusCode())
                    .as("/health stays open")
                    .isEqualTo(200);
            assertThat(Http.get(api, "/ready").statusCode())
                    .as("/ready stays open")
                    .isEqualTo(200);
            assertThat(Http.get(api, "/metrics").statusCode())
                    .as("/metrics stays open for scrapers")
                    .isEqualTo(200);

            Await.until(
                    "the authorized event in logs",
                    Duration.ofSeconds(30),
                    () -> Db.count(stores.postgres(), "SELECT count(*) FROM logs") >= 1);
            assertThat(Db.strings(stores.postgres(), "SELECT event->>'seq' FROM logs"))
                    .as("only the authorized write landed")
                    .containsExactly("3");
            assertThat(send(get(api, "/messages", CONTROL)).body()).contains("\"seq\": 3");

            // the queue and items routes: the same two rules
            String message = "{\"channel\":\"jobs\",\"message\":{\"k\":1}}";
            assertThat(Http.post(api, "/message", message).statusCode()).isEqualTo(401);
            assertThat(Http.post(api, "/items", "{\"name\":\"x\"}").statusCode())
                    .isEqualTo(401);
            assertThat(send(post(api, "/message", message, INGEST)).statusCode())
                    .isEqualTo(201);
            HttpResponse<String> item = send(post(api, "/items", "{\"name\":\"x\"}", INGEST));
            assertThat(item.statusCode()).as(item.body()).isEqualTo(202);
            for (String read :
                    new String[] {"/queue/jobs", "/messages?channel=jobs", "/channels", "/items", "/items/1"}) {
                assertThat(Http.get(api, read).statusCode()).as(read).isEqualTo(401);
            }
            assertThat(Db.count(stores.postgres(), "SELECT count(*) FROM queue_messages"))
                    .as("a refused consume consumed nothing")
                    .isEqualTo(1);
            assertThat(send(get(api, "/channels", CONTROL)).statusCode()).isEqualTo(200);
            assertThat(send(get(api, "/queue/jobs", CONTROL)).statusCode()).isEqualTo(200);
            assertThat(send(get(api, "/items/1?wait=10s", CONTROL)).statusCode())
                    .isEqualTo(200);
            assertThat(send(get(api, "/items", CONTROL)).body()).contains("\"name\":\"x\"");
        }
    }

    private static HttpRequest get(URI api, String path, String token) {
        return HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private static HttpRequest post(URI api, String body, String token) {
        return post(api, "/write", body, token);
    }

    private static HttpRequest post(URI api, String path, String body, String token) {
        return HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest r) {
        return Http.send(r);
    }
}
