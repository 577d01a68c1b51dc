package dev.sluice.gui;

import dev.sluice.api.LoadSpec;
import dev.sluice.api.LoadStatus;
import java.util.Locale;

/**
 * The load panel's view-model: the form (profile, model, users or rate), what a form change means
 * while a load runs, the status line and the last refusal. While a load runs and nothing is on
 * its way, the form follows the engine's view of the load (it may have been started elsewhere).
 *
 * <p>Concurrency: confined to the UI thread.
 */
final class LoadModel {
    static final int MAX_USERS = 100_000;
    static final double MAX_RATE = 10_000_000;

    /** What a form change does to a running load. */
    enum Change {
        /** No load runs: nothing happens until Start. */
        NONE,
        /** Same profile and model: the engine changes users or rate live. */
        ADJUST,
        /** Another profile or model: stop the running load, start the new one. */
        RESTART
    }

    private String profile = "realistic";
    private boolean open;
    private int users = 50;
    private double rate = 1_000;
    private final RequestsInFlight requests;

    LoadModel(EventLog log) {
        this.requests = new RequestsInFlight(log);
    }

    String profile() {
        return profile;
    }

    boolean open() {
        return open;
    }

    int users() {
        return users;
    }

    double rate() {
        return rate;
    }

    void setProfile(String p) {
        profile = p;
    }

    void setOpen(boolean openModel) {
        open = openModel;
    }

    void setUsers(int n) {
        users = n;
    }

    void setRate(double r) {
        rate = r;
    }

    /** The form as a spec; throws IllegalArgumentException naming a bad value. */
    LoadSpec spec() {
        return open ? LoadSpec.open(profile, rate) : LoadSpec.closed(profile, users);
    }

    /** What a form change means given the engine's current view of the load. */
    Change change(LoadStatus now) {
        if (!now.running()) {
            return Change.NONE;
        }
        LoadSpec running = now.spec();
        boolean same = running != null
                && running.profile().equals(profile)
                && running.model().equals(open ? "open" : "closed");
        return same ? Change.ADJUST : Change.RESTART;
    }

    /** A request is on its way. */
    void requested() {
        requests.requested();
    }

    /** The engine took it. */
    void done() {
        requests.done();
    }

    /** The engine (or the form) refused; the reason shows beside the buttons and in the log. */
    void refused(String what, String reason) {
        requests.refused(what, reason);
    }

    String refusal() {
        return requests.refusal();
    }

    /** Called with the latest snapshot's load: a running load started elsewhere shows in the form. */
    void observe(LoadStatus now) {
        if (!now.running() || now.spec() == null || requests.busy()) {
            return;
        }
        LoadSpec s = now.spec();
        profile = s.profile();
        open = s.model().equals("open");
        if (open) {
            rate = s.rate();
        } else {
            users = s.users();
        }
    }

    /** One line: {@code idle}, or the running load with its own client-side figures. */
    static String status(LoadStatus s) {
        if (!s.running()) {
            return "idle";
        }
        LoadSpec spec = s.spec();
        String what = spec == null
                ? "load"
                : spec.profile() + " · "
                        + (spec.model().equals("open")
                                ? String.format(Locale.ROOT, "open %,.0f req/s", spec.rate())
                                : String.format(Locale.ROOT, "closed %,d users", spec.users()));
        String line = what + " · " + Formats.rate(s.requestsPerSec()).replace("/s", " req/s") + " · p99 "
                + Formats.millis(s.p99Micros()) + " · errors " + Formats.count(s.errorsTotal()) + " · "
                + Formats.uptime(s.elapsedMillis());
        return s.lastError() == null || s.errors() == 0 ? line : line + " · last error: " + s.lastError();
    }

    /** How the log names a spec: {@code firehose, closed, 8 users}. */
    static String describe(LoadSpec spec) {
        return spec.profile() + ", " + spec.model() + ", "
                + (spec.model().equals("open")
                        ? String.format(Locale.ROOT, "%,.0f req/s", spec.rate())
                        : String.format(Locale.ROOT, "%,d users", spec.users()));
    }
}
