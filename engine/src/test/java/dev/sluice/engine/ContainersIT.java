package dev.sluice.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.engine.cli.EngineOptions;
import dev.sluice.engine.config.EngineConfig.StreamConfig;
import dev.sluice.engine.testing.ComposeFile;
import dev.sluice.engine.testing.TestEngines;
import dev.sluice.testing.Await;
import dev.sluice.testing.Db;
import dev.sluice.testing.Http;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The external mode against real stores in containers: PostgreSQL and Redis with the images,
 * settings and credentials of docker-compose.yml, and the engine started from {@code SLUICE_*}
 * variables as the compose file's engine service is. Needs a Docker engine; where there is none
 * (this build machine) it is skipped with one line. The embedded-store ITs stay the suite's own.
 */
class ContainersIT {
    static final String SKIP = "no Docker engine here: ContainersIT skipped (Testcontainers needs one)";
    private static final int EVENTS = 1_000;
    private static final int PER_REQUEST = 50;

    private static boolean docker;
    private static JsonNode services;

    @BeforeAll
    static void lookForDocker() {
        docker = dockerAvailable();
        if (docker) {
            services = ComposeFile.read().path("services");
        } else {
            System.out.println(SKIP);
        }
    }

    /** Here rather than in {@code @BeforeAll}, so the report counts the test as skipped. */
    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue(docker, SKIP);
    }

    @Test
    void events_posted_to_an_engine_on_container_stores_land_once_and_leave_the_stream() throws Exception {
        JsonNode redisService = services.path("redis");
        Map<String, String> pgEnv = ComposeFile.environment(services.path("postgres"), Map.of());
        try (PostgreSQLContainer pg = new PostgreSQLContainer(image("postgres"))
                        .withDatabaseName(pgEnv.get("POSTGRES_DB"))
                        .withUsername(pgEnv.get("POSTGRES_USER"))
                        .withPassword(pgEnv.get("POSTGRES_PASSWORD"));
                GenericContainer<?> redis = new GenericContainer<>(image("redis"))
                        .withCommand(ComposeFile.strings(redisService.path("command"))
                                .toArray(String[]::new))
                        .withExposedPorts(6379)
                        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))) {
            Startables.deepStart(pg, redis).join();
            Map<String, String> env = Map.of(
                    "SLUICE_PG_URL",
                    "postgresql://" + pg.getUsername() + ":" + pg.getPassword() + "@" + pg.getHost() + ":"
                            + pg.getMappedPort(5432) + "/" + pg.getDatabaseName(),
                    "SLUICE_REDIS_URL",
                    "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                    "SLUICE_PORT",
                    "0",
                    "SLUICE_WARM_UP",
                    "0s");
            try (LocalStack stack = LocalStack.start(EngineOptions.parse(new String[0], env));
                    StatefulRedisConnection<String, String> conn = TestEngines.redis(stack.stores())) {
                assertThat(conn.sync().configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "noeviction");
                assertThat(conn.sync().configGet("appendonly")).containsEntry("appendonly", "yes");
                URI api = stack.engine().apiUri();
                assertThat(ReadyProbe.check(api.resolve("/ready").toString(), Duration.ofSeconds(2), quiet()))
                        .as("the compose health check's probe")
                        .isZero();

                for (int r = 0; r < EVENTS / PER_REQUEST; r++) {
                    StringJoiner batch = new StringJoiner(",", "[", "]");
                    for (int i = 0; i < PER_REQUEST; i++) {
                        batch.add("{\"n\":" + (r * PER_REQUEST + i) + "}");
                    }
                    assertThat(Http.post(api, "/write", batch.toString()).statusCode())
                            .isEqualTo(202);
                }

                Await.until(
                        "every event committed",
                        Duration.ofSeconds(60),
                        () -> Db.count(stack.stores().postgres(), "SELECT count(*) FROM logs") >= EVENTS);
                assertThat(Db.count(stack.stores().postgres(), "SELECT count(DISTINCT event->>'n') FROM logs"))
                        .isEqualTo(EVENTS);
                assertThat(Db.count(stack.stores().postgres(), "SELECT count(*) FROM logs"))
                        .isEqualTo(EVENTS);
                String stream = StreamConfig.defaults().key();
                Await.until(
                        "stream drained: nothing left, nothing pending",
                        Duration.ofSeconds(30),
                        () -> conn.sync().xlen(stream) == 0
                                && conn.sync()
                                                .xpending(
                                                        stream,
                                                        StreamConfig.defaults().group())
                                                .getCount()
                                        == 0);
            }
        }
    }

    private static DockerImageName image(String service) {
        return DockerImageName.parse(services.path(service).path("image").asText());
    }

    /**
     * Whether Testcontainers finds a Docker engine. Its search logs every strategy it tried at
     * ERROR; with none to find that is noise, so its loggers are off for the question.
     */
    private static boolean dockerAvailable() {
        ch.qos.logback.classic.Logger testcontainers =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.testcontainers");
        ch.qos.logback.classic.Level level = testcontainers.getLevel();
        testcontainers.setLevel(ch.qos.logback.classic.Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } finally {
            testcontainers.setLevel(level);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
