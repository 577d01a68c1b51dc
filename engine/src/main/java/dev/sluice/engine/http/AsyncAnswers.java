package dev.sluice.engine.http;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * How the workload routes answer: off Jetty's threads, every error as problem+json, every
 * refusal counted by its status. Stateless.
 */
final class AsyncAnswers {
    private AsyncAnswers() {}

    /**
     * Answers {@code ctx} when the future {@code result} makes completes: {@code ok} on success,
     * problem+json otherwise ({@code refused} gets the status). Javalin starts the async context
     * before it calls {@code result}, so a non-blocking body read may begin inside it.
     */
    static <T> void answer(
            Context ctx, Supplier<CompletableFuture<T>> result, BiConsumer<Context, T> ok, IntConsumer refused) {
        ctx.future(() -> result.get().handle((value, error) -> {
            try {
                if (error != null) {
                    throw HttpApi.toProblem(error);
                }
                ok.accept(ctx, value);
            } catch (Problem p) {
                refused.accept(p.status());
                Problems.write(ctx, p);
            }
            return null;
        }));
    }

    /** 503 unless the engine runs (it is starting, or draining). */
    static void requireAccepting(BooleanSupplier accepting) {
        if (!accepting.getAsBoolean()) {
            throw Problem.unavailable("the engine is not accepting requests right now (starting or draining)");
        }
    }

    /** Runs a check on the request thread, counting its refusal. */
    static void guard(Runnable check, IntConsumer refused) {
        guard(
                () -> {
                    check.run();
                    return null;
                },
                refused);
    }

    /** Runs a check on the request thread, counting its refusal; returns what it yields. */
    static <T> T guard(Supplier<T> check, IntConsumer refused) {
        try {
            return check.get();
        } catch (Problem p) {
            refused.accept(p.status());
            throw p;
        }
    }
}
