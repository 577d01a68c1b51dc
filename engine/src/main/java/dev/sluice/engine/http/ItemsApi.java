package dev.sluice.engine.http;

import dev.sluice.api.Durations;
import dev.sluice.engine.items.ItemCatalog;
import dev.sluice.engine.items.ItemJson;
import dev.sluice.engine.metrics.ItemsCounters;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The items routes of seed 004: {@code POST /items} (202 with the id the item will have),
 * {@code GET /items/{id}} (200 or 404; {@code ?wait=2s} waits up to that long, at most
 * {@link #MAX_WAIT}, for a just-posted item to commit) and {@code GET /items?offset=&limit=}
 * (a page in id order from the response cache when warm; {@code Cache-Control: no-cache} reads
 * PostgreSQL instead). Every error is problem+json.
 *
 * <p>Concurrency: handlers never block Jetty's threads; all work completes futures of {@link ItemCatalog}.
 */
public final class ItemsApi {
    static final int PAGE_DEFAULT = 100;
    static final int PAGE_MAX = 1_000;
    /** The longest {@code ?wait=} honoured; longer asks are capped (a client's own timeout is usually near this). */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final ItemCatalog catalog;
    private final ItemsCounters counters;
    private final BooleanSupplier accepting;
    private final int maxBodyBytes;
    private final int minBodyBytesPerSec;
    private final ItemBodyParser parser = new ItemBodyParser();

    /** @param accepting true while the engine runs (503 otherwise) */
    public ItemsApi(
            ItemCatalog catalog,
            ItemsCounters counters,
            BooleanSupplier accepting,
            int maxBodyBytes,
            int minBodyBytesPerSec) {
        this.catalog = catalog;
        this.counters = counters;
        this.accepting = accepting;
        this.maxBodyBytes = maxBodyBytes;
        this.minBodyBytesPerSec = minBodyBytesPerSec;
    }

    public void register(Javalin app) {
        app.post("/items", this::post);
        app.get("/items/{id}", this::item);
        app.get("/items", this::page);
    }

    private void post(Context ctx) {
        AsyncAnswers.guard(
                () -> {
                    AsyncAnswers.requireAccepting(accepting);
                    HttpApi.requireJson(ctx);
                },
                counters::refusedOrFailed);
        answer(
                ctx,
                () -> BodyReader.read(ctx.req(), maxBodyBytes, minBodyBytesPerSec)
                        .thenCompose(body -> {
                            ItemBodyParser.NewItem item = parser.parse(body);
                            return catalog.post(item.name(), item.description());
                        }),
                (c, id) -> {
                    c.status(202)
                            .header("Location", "/items/" + id)
                            .contentType("application/json")
                            .result("{\"id\":" + id + ",\"status\":\"queued\"}");
                    counters.posted();
                });
    }

    private void item(Context ctx) {
        long start = System.nanoTime();
        long id = guard(() -> QueryParams.atLeast("id", ctx.pathParam("id"), 0, 1, Long.MAX_VALUE));
        Duration wait = guard(() -> wait(ctx.queryParam("wait")));
        answer(ctx, () -> catalog.item(id, wait), (c, found) -> {
            counters.itemRead(System.nanoTime() - start);
            if (found.isEmpty()) {
                Problems.write(
                        c,
                        new Problem(
                                404,
                                "Not Found",
                                "no item " + id
                                        + (wait.isZero()
                                                ? " (a POST is answered before its item commits: ask with ?wait=2s to wait for it)"
                                                : " after waiting " + Durations.format(wait))));
                return;
            }
            c.contentType("application/json").result(ItemJson.one(found.get()));
        });
    }

    private void page(Context ctx) {
        long start = System.nanoTime();
        long offset = guard(() -> QueryParams.atLeast("offset", ctx.queryParam("offset"), 0, 0, Long.MAX_VALUE));
        int limit = guard(() -> (int) QueryParams.atLeast("limit", ctx.queryParam("limit"), PAGE_DEFAULT, 0, PAGE_MAX));
        String cacheControl = ctx.header("Cache-Control");
        boolean fromDatabase =
                cacheControl != null && cacheControl.toLowerCase().contains("no-cache");
        answer(ctx, () -> catalog.page(offset, limit, fromDatabase), (c, page) -> {
            c.contentType("application/json").result(page.json());
            counters.pageRead(page.source(), System.nanoTime() - start);
        });
    }

    private static Duration wait(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            Duration d = Durations.parse("wait", raw);
            return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }

    private <T> void answer(Context ctx, Supplier<CompletableFuture<T>> result, BiConsumer<Context, T> ok) {
        AsyncAnswers.answer(ctx, result, ok, counters::refusedOrFailed);
    }

    private <T> T guard(Supplier<T> check) {
        return AsyncAnswers.guard(check, counters::refusedOrFailed);
    }
}
