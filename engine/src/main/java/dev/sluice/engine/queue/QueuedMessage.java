package dev.sluice.engine.queue;

import java.time.Instant;

/**
 * A message as the queue hands it out or shows it.
 *
 * @param messageJson the message as PostgreSQL's {@code jsonb} renders it
 */
public record QueuedMessage(long id, String channel, String messageJson, Instant createdAt) {}
