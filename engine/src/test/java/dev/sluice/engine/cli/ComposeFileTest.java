package dev.sluice.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.cli.DurationConverter;
import dev.sluice.cli.EnvironmentDefaults;
import dev.sluice.engine.ReadyProbe;
import dev.sluice.engine.testing.ComposeFile;
import dev.sluice.stores.PostgresEndpoint;
import dev.sluice.stores.RedisSettings;
import dev.sluice.stores.StoreUrls;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the top-level docker-compose.yml promises a user: stores that keep the stream (AOF on,
 * noeviction), health checks that gate the engine, named volumes, the engine pointed at the
 * postgres and redis services with the control token from the environment, and the API on
 * 127.0.0.1 only. The engine's environment is read the way the engine reads it.
 */
class ComposeFileTest {
    private static JsonNode services;
    private static JsonNode compose;

    @BeforeAll
    static void read() {
        assertThat(ComposeFile.PATH)
                .as("docker-compose.yml at the project root")
                .exists();
        compose = ComposeFile.read();
        services = compose.path("services");
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "redis", "engine");
    }

    @Test
    void stores_are_postgres_17_and_redis_7() {
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:17");
        assertThat(services.path("redis").path("image").asText()).startsWith("redis:7");
    }

    @Test
    void redis_keeps_an_append_only_file_and_never_evicts() {
        Map<String, String> args = redisArgs();
        assertThat(args).containsEntry("--appendonly", "yes").containsEntry("--maxmemory-policy", "noeviction");
        assertThat(args.get("--appendfsync")).isIn("everysec", "always");
        assertThat(RedisSettings.parseSize("--maxmemory", args.get("--maxmemory")))
                .as("maxmemory, which the engine's 429 at 90%% is measured against")
                .isGreaterThanOrEqualTo(64L << 20);
    }

    @Test
    void every_service_has_a_health_check_and_the_engine_waits_for_both_stores() {
        assertThat(healthTest("postgres")).contains("pg_isready");
        assertThat(healthTest("redis")).containsSequence("redis-cli", "ping");
        JsonNode dependsOn = services.path("engine").path("depends_on");
        for (String store : List.of("postgres", "redis")) {
            assertThat(dependsOn.path(store).path("condition").asText())
                    .as("engine depends_on %s", store)
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void the_engine_health_check_is_the_ready_probe_on_the_engine_port() {
        List<String> test = healthTest("engine");
        assertThat(test.get(0)).as("exec form: the image has no shell").isEqualTo("CMD");
        assertThat(test).contains("java", ReadyProbe.class.getName());
        URI url = URI.create(test.get(test.indexOf(ReadyProbe.class.getName()) + 1));
        assertThat(url.getPath()).isEqualTo("/ready");
        assertThat(url.getPort()).isEqualTo(containerPort());
        Duration start = duration(services.path("engine").path("healthcheck").path("start_period"));
        assertThat(start)
                .as("start_period covers the JIT warm-up")
                .isGreaterThan(EngineOptions.parse(new String[0], Map.of())
                        .config()
                        .api()
                        .warmUp());
    }

    @Test
    void store_data_lives_in_named_volumes() {
        Set<String> declared = fieldNames(compose.path("volumes"));
        assertThat(namedVolume("postgres", "/var/lib/postgresql/data")).isIn(declared);
        assertThat(namedVolume("redis", "/data")).isIn(declared);
    }

    @Test
    void the_engine_runs_against_the_postgres_and_redis_services_with_the_token_from_the_environment() {
        Map<String, String> env = engineEnvironment(Map.of("SLUICE_CONTROL_TOKEN", "token-from-the-shell"));
        env.put("SLUICE_HOST", "0.0.0.0"); // the image's own environment (engine/pom.xml, profile image)
        EngineOptions options = EngineOptions.parse(new String[0], env);

        assertThat(options.embedded()).isFalse();
        PostgresEndpoint pg = StoreUrls.postgres(options.pgUrl(), "external");
        assertThat(URI.create(pg.jdbcUrl().substring("jdbc:".length())))
                .hasHost("postgres")
                .hasPort(5432)
                .hasPath("/" + postgresEnvironment().get("POSTGRES_DB"));
        assertThat(pg.user()).isEqualTo(postgresEnvironment().get("POSTGRES_USER"));
        assertThat(pg.password()).isEqualTo(postgresEnvironment().get("POSTGRES_PASSWORD"));
        RedisURI redis = StoreUrls.redis(options.redisUrl());
        assertThat(redis.getHost()).isEqualTo("redis");
        assertThat(redis.getPort()).isEqualTo(6379);

        assertThat(options.config().control().token()).isEqualTo("token-from-the-shell");
        assertThat(options.tokenGenerated()).isFalse();
        assertThat(options.config().api().port()).isEqualTo(containerPort());
    }

    @Test
    void without_a_control_token_compose_refuses_to_start_the_engine() {
        assertThatThrownBy(() -> engineEnvironment(Map.of()))
                .hasMessageContaining("SLUICE_CONTROL_TOKEN")
                .hasMessageContaining("at least 8 characters");
    }

    @Test
    void every_engine_variable_is_one_the_engine_reads() {
        EnvironmentDefaults variables = EngineOptions.defaults(Map.of());
        Set<String> known = EngineOptions.spec().options().stream()
                .map(variables::variable)
                .filter(v -> v != null)
                .collect(Collectors.toSet());
        assertThat(fieldNames(services.path("engine").path("environment"))).isSubsetOf(known);
    }

    @Test
    void only_the_engine_api_is_published_and_only_on_loopback() {
        assertThat(services.path("postgres").has("ports")).isFalse();
        assertThat(services.path("redis").has("ports")).isFalse();
        JsonNode ports = services.path("engine").path("ports");
        assertThat(ports.size()).isOne();
        assertThat(ports.get(0).asText()).isEqualTo("127.0.0.1:8080:8080");
    }

    @Test
    void docker_waits_for_the_engine_to_drain_before_it_kills_it() {
        Duration grace = duration(services.path("engine").path("stop_grace_period"));
        assertThat(grace)
                .isGreaterThan(EngineOptions.parse(new String[0], Map.of()).drain());
    }

    private static Map<String, String> redisArgs() {
        List<String> command = ComposeFile.strings(services.path("redis").path("command"));
        assertThat(command.get(0)).isEqualTo("redis-server");
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i + 1 < command.size(); i += 2) {
            assertThat(command.get(i)).as("redis-server argument %d", i).startsWith("--");
            args.put(command.get(i), command.get(i + 1));
        }
        return args;
    }

    private static List<String> healthTest(String service) {
        JsonNode test = services.path(service).path("healthcheck").path("test");
        assertThat(test.isArray()).as("%s healthcheck.test", service).isTrue();
        return ComposeFile.strings(test);
    }

    /** The named volume mounted at {@code target}; fails for a bind mount or none. */
    private static String namedVolume(String service, String target) {
        for (String mount : ComposeFile.strings(services.path(service).path("volumes"))) {
            String[] parts = mount.split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                assertThat(parts[0])
                        .as("%s volume at %s is named, not a bind mount", service, target)
                        .matches("[A-Za-z0-9][A-Za-z0-9_.-]*");
                return parts[0];
            }
        }
        throw new AssertionError(service + " mounts no volume at " + target);
    }

    private static int containerPort() {
        String[] mapping = services.path("engine").path("ports").get(0).asText().split(":");
        return Integer.parseInt(mapping[mapping.length - 1]);
    }

    private static Map<String, String> postgresEnvironment() {
        return ComposeFile.environment(services.path("postgres"), Map.of());
    }

    private static Map<String, String> engineEnvironment(Map<String, String> shell) {
        return ComposeFile.environment(services.path("engine"), shell);
    }

    private static Duration duration(JsonNode node) {
        assertThat(node.isTextual()).as("a duration such as 40s").isTrue();
        return new DurationConverter().convert(node.asText());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
