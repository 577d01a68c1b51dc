package dev.sluice.stores;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSettingsTest {

    @Test
    void sizes_read_as_redis_reads_them() {
        assertThat(RedisSettings.parseSize("x", "512mb")).isEqualTo(512L << 20);
        assertThat(RedisSettings.parseSize("x", "2GB")).isEqualTo(2L << 30);
        assertThat(RedisSettings.parseSize("x", "64m")).isEqualTo(64L << 20);
        assertThat(RedisSettings.parseSize("x", "1048576")).isEqualTo(1L << 20);
    }

    @Test
    void embedded_redis_config_has_maxmemory_noeviction_and_the_fsync_mode(@TempDir Path dir) throws Exception {
        Path conf =
                RedisProcess.writeConfig(dir, 6399, new RedisSettings(64L << 20, RedisSettings.Fsync.ALWAYS, false));
        assertThat(Files.readAllLines(conf))
                .contains("maxmemory 67108864", "maxmemory-policy noeviction", "appendfsync always", "appendonly yes");
    }
}
