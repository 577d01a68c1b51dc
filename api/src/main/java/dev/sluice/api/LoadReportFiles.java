package dev.sluice.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's report of a finished in-engine load, as the files {@code ./sluice loadgen
 * --report DIR} writes ({@code ticks.csv}, {@code summary.json}, the chart PNGs, {@code report.html}),
 * so a console can save the same report wherever it runs.
 *
 * @param description what ran, e.g. {@code firehose with 8 users}
 * @param finishedAt  when the load ended
 * @param files       file name to content, in writing order
 */
public record LoadReportFiles(String description, Instant finishedAt, Map<String, byte[]> files) {

    public LoadReportFiles {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
