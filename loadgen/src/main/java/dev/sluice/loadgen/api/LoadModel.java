package dev.sluice.loadgen.api;

/** How a run offers load. */
public enum LoadModel {
    /**
     * A target arrival rate in requests per second, held however slow the target gets (wrk2, k6
     * arrival-rate). Latency counts from each request's intended send time, so coordinated omission
     * is corrected.
     */
    OPEN,
    /**
     * N virtual users, each sending a request, waiting for the answer, thinking, and sending again
     * (Locust). Offered load falls when the target slows down.
     */
    CLOSED
}
