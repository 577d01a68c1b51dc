package dev.sluice.loadgen.api;

/**
 * Smallest, largest and mean of values the generator recorded about itself (events per request,
 * think times); zeros when {@code count} is 0.
 */
public record Distribution(long count, double min, double max, double mean) {
    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0);
}
