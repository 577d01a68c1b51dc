package dev.sluice.engine.metrics;

import dev.sluice.api.MetricsSnapshot;
import dev.sluice.engine.metrics.IngestCounters.Snapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics} in Prometheus text format: counters read straight from the hot-path
 * adders, gauges from the latest snapshot, and the two latencies as histograms. Every name
 * starts with {@code sluice_}.
 */
public final class PrometheusMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestCounters counters;

    public PrometheusMetrics(IngestCounters c, Supplier<MetricsSnapshot> latest) {
        this.counters = c;
        counter("sluice.write.requests.accepted", "POST /write answered 202", Snapshot::writeRequestsAccepted);
        counter(
                "sluice.write.requests.rejected",
                "POST /write answered 4xx other than 429",
                Snapshot::requestsRejected);
        counter("sluice.write.requests.throttled", "POST /write answered 429", Snapshot::requestsThrottled);
        counter("sluice.write.requests.unavailable", "POST /write answered 503", Snapshot::requestsUnavailable);
        counter("sluice.write.requests.failed", "POST /write answered 500", Snapshot::requestsFailed);
        counter("sluice.events.accepted", "events accepted", Snapshot::eventsAccepted);
        counter("sluice.rows.committed", "rows committed to PostgreSQL", Snapshot::rowsCommitted);
        counter("sluice.flushes", "committed flushes", Snapshot::flushes);
        counter("sluice.flushes.by.size", "flushes triggered by a full batch", Snapshot::flushesBySize);
        counter("sluice.dead.lettered", "entries moved to dead_letters", Snapshot::deadLettered);
        counter("sluice.duplicates.skipped", "redelivered entries already in PostgreSQL", Snapshot::duplicatesSkipped);
        counter("sluice.sink.errors", "failed writes to PostgreSQL (retried)", Snapshot::sinkErrors);
        counter("sluice.stream.errors", "failed worker calls to Redis (retried)", Snapshot::streamErrors);
        counter(
                "sluice.http.slow.headers.cut",
                "connections cut with 408: headers not complete within --header-timeout",
                Snapshot::slowHeadersCut);
        gauge(
                "sluice.stream.backlog",
                "events in the stream",
                latest,
                s -> s.stream().backlog());
        gauge(
                "sluice.stream.pending",
                "events delivered, not acknowledged",
                latest,
                s -> s.stream().pending());
        gauge(
                "sluice.stream.lag",
                "events not yet delivered",
                latest,
                s -> s.stream().lag());
        gauge("sluice.workers", "active workers", latest, s -> s.workers().count());
        gauge(
                "sluice.cluster.nodes",
                "engine nodes alive on this stream (heartbeats in Redis), this one included",
                latest,
                s -> s.cluster().nodes().size());
        gauge(
                "sluice.workers.busy",
                "workers writing now",
                latest,
                s -> s.workers().busy());
        gauge(
                "sluice.workers.batch.size",
                "batch size knob",
                latest,
                s -> s.knobs().batchSize());
        gauge(
                "sluice.workers.flush.interval.seconds",
                "flush interval knob",
                latest,
                s -> s.knobs().flushInterval().toMillis() / 1000.0);
        gauge(
                "sluice.workers.paused",
                "1 while workers are paused",
                latest,
                s -> s.knobs().paused() ? 1 : 0);
        gauge(
                "sluice.pool.active",
                "PostgreSQL connections in use",
                latest,
                s -> s.pool().active());
        gauge(
                "sluice.pool.idle",
                "PostgreSQL connections free",
                latest,
                s -> s.pool().idle());
        gauge(
                "sluice.pool.waiting",
                "threads waiting for a connection",
                latest,
                s -> s.pool().waiting());
        gauge(
                "sluice.logs.rows.estimate",
                "rows in logs (n_live_tup estimate)",
                latest,
                s -> s.pool().logsRowsEstimate());
        gauge(
                "sluice.intake.throttling",
                "1 while POST /write answers 429 (backlog over the high water mark or Redis nearly full)",
                latest,
                s -> s.intake().state() == dev.sluice.api.IntakeState.THROTTLING ? 1 : 0);
        gauge(
                "sluice.stream.high.water",
                "high water mark knob, events",
                latest,
                s -> s.knobs().highWater());
        gauge(
                "sluice.stream.low.water",
                "low water mark knob, events",
                latest,
                s -> s.knobs().lowWater());
        // micrometer appends the unit itself: these come out as sluice_redis_memory_used_bytes and
        // sluice_redis_maxmemory_bytes
        byteGauge(
                "sluice.redis.memory.used",
                "Redis used_memory",
                latest,
                s -> s.intake().redisUsedBytes());
        byteGauge(
                "sluice.redis.maxmemory",
                "Redis maxmemory (0 = no limit)",
                latest,
                s -> s.intake().redisMaxBytes());
        gauge("sluice.uptime.seconds", "time since start", latest, s -> s.uptimeMillis() / 1000.0);
        for (String store : new String[] {"postgres", "redis"}) {
            storeGauge(
                    "sluice.store.up",
                    "1 while the store answers its health probe",
                    store,
                    latest,
                    h -> h.up() ? 1 : 0);
            storeGauge(
                    "sluice.store.last.recovery.seconds",
                    "length of the store's last outage; NaN before the first",
                    store,
                    latest,
                    h -> h.lastRecoveryMillis() < 0 ? Double.NaN : h.lastRecoveryMillis() / 1000.0);
            FunctionCounter.builder("sluice.store.restarts", latest, l -> {
                        MetricsSnapshot s = l.get();
                        return s == null ? 0 : s.health().of(store).restarts();
                    })
                    .description("restarts of the embedded store after its process died")
                    .tag("store", store)
                    .register(registry);
        }
        gauge(
                "sluice.degraded",
                "1 while a store does not answer (state DEGRADED)",
                latest,
                s -> s.health().degradedBy().isEmpty() ? 0 : 1);
        workloads(latest);
        c.bindTimers(registry);
    }

    /** The queue and items workloads, from the latest snapshot (counters as of its tick). */
    private void workloads(Supplier<MetricsSnapshot> latest) {
        snapshotCounter(
                "sluice.queue.enqueued",
                "POST /message answered 201",
                latest,
                s -> s.queue().enqueuedTotal());
        snapshotCounter(
                "sluice.queue.consumed",
                "GET /queue/{channel} that handed out a message",
                latest,
                s -> s.queue().consumedTotal());
        snapshotCounter(
                "sluice.queue.refused",
                "queue requests answered 4xx",
                latest,
                s -> s.queue().refusedTotal());
        snapshotCounter(
                "sluice.queue.failed",
                "queue requests answered 5xx",
                latest,
                s -> s.queue().failedTotal());
        gauge(
                "sluice.queue.depth",
                "messages waiting over all channels",
                latest,
                s -> unknownAsNaN(s.queue().depth()));
        gauge(
                "sluice.queue.consume.p95.seconds",
                "GET /queue/{channel} latency p95 over the last tick",
                latest,
                s -> s.queue().consumeLatency().p95Micros() / 1e6);
        gauge(
                "sluice.queue.enqueue.p95.seconds",
                "POST /message latency p95 over the last tick",
                latest,
                s -> s.queue().enqueueLatency().p95Micros() / 1e6);
        snapshotCounter(
                "sluice.items.posted",
                "POST /items answered 202",
                latest,
                s -> s.items().postedTotal());
        snapshotCounter(
                "sluice.items.landed",
                "items committed to PostgreSQL",
                latest,
                s -> s.items().landedTotal());
        snapshotCounter(
                "sluice.items.page.reads",
                "GET /items pages served",
                latest,
                s -> s.items().pageReadsTotal());
        snapshotCounter(
                "sluice.items.cache.hits",
                "GET /items pages served from the cache",
                latest,
                s -> s.items().cacheHitsTotal());
        gauge(
                "sluice.items.cache.hit.ratio",
                "pages served from the cache over pages served, last tick; NaN when none",
                latest,
                s -> s.items().hitRatio() < 0 ? Double.NaN : s.items().hitRatio());
        gauge(
                "sluice.items.read.p95.seconds",
                "GET /items and /items/{id} latency p95 over the last tick",
                latest,
                s -> s.items().readLatency().p95Micros() / 1e6);
        gauge(
                "sluice.items.rows",
                "rows in items",
                latest,
                s -> unknownAsNaN(s.items().rows()));
        gauge(
                "sluice.items.backlog",
                "items in their stream, not yet committed",
                latest,
                s -> unknownAsNaN(s.items().backlog()));
    }

    private static double unknownAsNaN(long v) {
        return v < 0 ? Double.NaN : v;
    }

    private void snapshotCounter(
            String name, String help, Supplier<MetricsSnapshot> latest, ToLongFunction<MetricsSnapshot> total) {
        FunctionCounter.builder(name, latest, l -> {
                    MetricsSnapshot s = l.get();
                    return s == null ? 0 : total.applyAsLong(s);
                })
                .description(help)
                .register(registry);
    }

    private void byteGauge(
            String name, String help, Supplier<MetricsSnapshot> latest, ToDoubleFunction<MetricsSnapshot> f) {
        Gauge.builder(name, latest, l -> {
                    MetricsSnapshot s = l.get();
                    double v = s == null ? -1 : f.applyAsDouble(s);
                    return v < 0 ? Double.NaN : v;
                })
                .description(help)
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    private void storeGauge(
            String name,
            String help,
            String store,
            Supplier<MetricsSnapshot> latest,
            ToDoubleFunction<MetricsSnapshot.StoreHealth> f) {
        Gauge.builder(name, latest, l -> {
                    MetricsSnapshot s = l.get();
                    return s == null ? Double.NaN : f.applyAsDouble(s.health().of(store));
                })
                .description(help)
                .tag("store", store)
                .strongReference(true)
                .register(registry);
    }

    /** The current exposition text. */
    public String scrape() {
        return registry.scrape();
    }

    public String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    /** A counter read from a fresh {@link IngestCounters.Snapshot} at each scrape. */
    private void counter(String name, String help, ToLongFunction<Snapshot> total) {
        FunctionCounter.builder(name, counters, c -> total.applyAsLong(c.snapshot()))
                .description(help)
                .register(registry);
    }

    private void gauge(
            String name, String help, Supplier<MetricsSnapshot> latest, ToDoubleFunction<MetricsSnapshot> f) {
        Gauge.builder(name, latest, l -> {
                    MetricsSnapshot s = l.get();
                    return s == null ? Double.NaN : f.applyAsDouble(s);
                })
                .description(help)
                .strongReference(true)
                .register(registry);
    }
}
