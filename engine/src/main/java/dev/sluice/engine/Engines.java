package dev.sluice.engine;

import dev.sluice.engine.config.EngineConfig;
import dev.sluice.stores.Stores;

/** Builds engines. The only way to get one; the implementation stays package-private. */
public final class Engines {
    private Engines() {}

    /** A new, not yet started engine on {@code stores}. The caller owns both lifecycles. */
    public static Engine create(EngineConfig config, Stores stores) {
        return new DefaultEngine(config, stores.postgres(), stores.redis(), stores::restarts);
    }
}
