package dev.sluice.engine.items;

/** One row of {@code items}; {@code description} may be null. */
public record Item(long id, String name, String description) {}
