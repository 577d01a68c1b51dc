/**
 * The Lanterna terminal console: one panel class per screen region, a view-model without
 * Lanterna types, and a key table that drives both the dispatcher and the help overlay.
 * Reaches the engine only through {@link dev.sluice.api.EngineControl}.
 */
package dev.sluice.tui;
