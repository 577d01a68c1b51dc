package dev.sluice.engine.queue;

/**
 * A message to enqueue, already validated by the HTTP layer.
 *
 * @param channel     1..64 characters of {@code [A-Za-z0-9_.-]}
 * @param messageJson a JSON object that {@code jsonb} accepts
 */
public record NewMessage(String channel, String messageJson) {}
