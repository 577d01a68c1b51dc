package dev.sluice.stores;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/**
 * Run in a child JVM by {@link EmbeddedStoresIT}: starts embedded stores on the directory in
 * {@code args[0]}, writes one row and one stream entry, prints {@code READY}, then waits to be
 * killed. It never closes the stores: the point is what a {@code kill -9} leaves behind.
 */
public final class StoresChild {
    static final String READY = "READY";

    private StoresChild() {}

    public static void main(String[] args) throws Exception {
        EmbeddedStores stores = EmbeddedStores.start(Path.of(args[0]));
        PostgresEndpoint pg = stores.postgres();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE crash_probe (id int PRIMARY KEY, note text)");
            st.execute("INSERT INTO crash_probe VALUES (1, 'written before kill -9')");
        }
        RedisClient client = RedisClient.create(stores.redis().uri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            redis.sync().xadd("crash_stream", Map.of("note", "written before kill -9"));
        } finally {
            client.shutdown();
        }
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
