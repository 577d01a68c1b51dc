package dev.sluice.loadgen;

import dev.sluice.loadgen.api.Profile;
import dev.sluice.loadgen.api.Request;
import dev.sluice.loadgen.api.RequestSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seed workloads beside the log: the queue of seed 003 (producers and consumers on a few
 * channels, like its k6 script) and the items API of seed 004 (mostly {@code GET /items} like its
 * wrk run, some {@code POST /items} like its hey run). A request is a write with probability
 * {@code writePercent}; each write carries one event (a message or an item).
 *
 * @param channels     the queue's channels (empty for the items workload)
 * @param writePercent share of requests that write, 0..100
 */
record WorkloadProfile(
        String name,
        String description,
        int defaultUsers,
        Duration thinkMin,
        Duration thinkMax,
        List<String> channels,
        int writePercent)
        implements Profile {

    static final List<String> QUEUE_CHANNELS = List.of("one", "two", "three");
    /** seed 004's hey payload */
    static final String ITEM = "{\"name\":\"x\",\"description\":\"y\"}";

    static final String ITEMS_PAGE = "/items";

    /** Half {@code POST /message}, half {@code GET /queue/{channel}}, over three channels. */
    static WorkloadProfile queue() {
        return new WorkloadProfile(
                "queue",
                "half POST /message, half GET /queue/{channel} over channels one, two, three (default 64 users)",
                64,
                Duration.ZERO,
                Duration.ZERO,
                QUEUE_CHANNELS,
                50);
    }

    /** 90% {@code GET /items}, 10% {@code POST /items}. */
    static WorkloadProfile items() {
        return new WorkloadProfile(
                "items",
                "90% GET /items (the cached first page), 10% POST /items (default 100 users)",
                100,
                Duration.ZERO,
                Duration.ZERO,
                List.of(),
                10);
    }

    WorkloadProfile {
        channels = List.copyOf(channels);
    }

    @Override
    public RequestSource newSource(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        if (channels.isEmpty()) {
            byte[] item = ITEM.getBytes(StandardCharsets.UTF_8);
            return () -> rng.nextInt(100) < writePercent
                    ? new Request("POST", "/items", item, 1)
                    : new Request("GET", ITEMS_PAGE, null, 0);
        }
        long[] sequence = {seed << 20};
        return () -> {
            String channel = channels.get(rng.nextInt(channels.size()));
            if (rng.nextInt(100) >= writePercent) {
                return new Request("GET", "/queue/" + channel, null, 0);
            }
            String body = "{\"channel\":\"" + channel + "\",\"message\":{\"seq\":" + sequence[0]++
                    + ",\"task\":\"resize\",\"size\":" + rng.nextInt(16, 4097) + "}}";
            return new Request("POST", "/message", body.getBytes(StandardCharsets.UTF_8), 1);
        };
    }
}
