package dev.sluice.engine.cli;

import dev.sluice.api.Knobs;
import dev.sluice.cli.WholeNumbers.IntRange;

/** The ranges of the engine's whole-number options; picocli builds each by its no-argument constructor. */
final class Ranges {
    private Ranges() {}

    static final class Port extends IntRange {
        Port() {
            super(0, 65535);
        }
    }

    static final class MaxBatch extends IntRange {
        MaxBatch() {
            super(1, 100_000);
        }
    }

    static final class MaxBody extends IntRange {
        MaxBody() {
            super(1024, 256 << 20);
        }
    }

    static final class MinBodyRate extends IntRange {
        MinBodyRate() {
            super(0, 1 << 30);
        }
    }

    static final class MaxHeader extends IntRange {
        MaxHeader() {
            super(1024, 1 << 20);
        }
    }

    static final class MaxConnections extends IntRange {
        MaxConnections() {
            super(16, 1_000_000);
        }
    }

    static final class RateLimit extends IntRange {
        RateLimit() {
            super(0, 10_000_000);
        }
    }

    static final class HighWater extends IntRange {
        HighWater() {
            super(2, Knobs.MAX_HIGH_WATER);
        }
    }

    static final class LowWater extends IntRange {
        LowWater() {
            super(1, Knobs.MAX_HIGH_WATER - 1);
        }
    }

    static final class Workers extends IntRange {
        Workers() {
            super(1, Knobs.MAX_WORKERS);
        }
    }

    static final class BatchSize extends IntRange {
        BatchSize() {
            super(1, Knobs.MAX_BATCH_SIZE);
        }
    }

    static final class PoolSize extends IntRange {
        PoolSize() {
            super(1, 512);
        }
    }

    static final class MaxAttempts extends IntRange {
        MaxAttempts() {
            super(1, 1000);
        }
    }

    static final class StreamShards extends IntRange {
        StreamShards() {
            super(1, dev.sluice.engine.config.EngineConfig.StreamConfig.MAX_SHARDS);
        }
    }
}
