package dev.sluice.engine;

import dev.sluice.engine.api.Engine;
import dev.sluice.engine.api.EngineConfig;
import dev.sluice.engine.store.Stores;

/** Builds engines. The only way to get one; the implementation stays package-private. */
public final class Engines {
    private Engines() {
    }

    /** A new, not yet started engine on {@code stores}. The caller owns both lifecycles. */
    public static Engine create(EngineConfig config, Stores stores) {
        return new DefaultEngine(config, stores.postgres(), stores.redis(), stores::restarts);
    }
}
