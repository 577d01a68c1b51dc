package dev.sluice.engine.queue;

/** How many messages wait in one channel. */
public record ChannelDepth(String channel, long messages) {}
