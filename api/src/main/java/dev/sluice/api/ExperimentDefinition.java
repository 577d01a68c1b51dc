package dev.sluice.api;

import static dev.sluice.api.Checks.check;
import static dev.sluice.api.Checks.require;

import java.util.List;

/**
 * A named list of steps, run in order (knobs, load, warm-up, measured time, recovery), whose
 * measured figures make one row each of a results table. With a {@link RateSearch}, the single
 * step is a template the runner probes at one rate after another instead.
 *
 * @param name        what {@code ./sluice experiment NAME} takes: lower-case letters, digits and {@code -}
 * @param title       one line for banners and report headings
 * @param description a few sentences: what it compares and what to look for
 * @param steps       the steps in order, at least one; exactly one (open model) with a search
 * @param search      how to search for a max rate, or null for a plain list of steps
 * @param columns     the figures its table shows, in order, by column name (e.g. {@code "p99"}, {@code "rows/s"});
 *                    empty for the standard set. Every row also ends with {@code "events accepted"} and
 *                    {@code "rows landed"}
 */
public record ExperimentDefinition(
        String name,
        String title,
        String description,
        List<ExperimentStep> steps,
        RateSearch search,
        List<String> columns) {

    public ExperimentDefinition {
        require(name, "an experiment's name");
        check(
                name.matches("[a-z0-9][a-z0-9-]{0,47}"),
                "an experiment's name is 1..48 lower-case letters, digits and '-', was '%s'",
                name);
        title = title == null || title.isBlank() ? name : title;
        description = description == null ? "" : description;
        check(steps != null && !steps.isEmpty(), "experiment '%s' has no steps", name);
        steps = List.copyOf(steps);
        columns = columns == null ? List.of() : List.copyOf(columns);
        if (search != null) {
            check(steps.size() == 1, "experiment '%s' searches a rate: give exactly one template step", name);
            check(
                    steps.get(0).load().model().equals("open"),
                    "experiment '%s' searches a rate: its step's load must use the open model",
                    name);
        }
    }

    /** A plain list of steps with the standard columns. */
    public ExperimentDefinition(String name, String title, String description, List<ExperimentStep> steps) {
        this(name, title, description, steps, null, List.of());
    }

    /** With the standard columns. */
    public ExperimentDefinition(
            String name, String title, String description, List<ExperimentStep> steps, RateSearch search) {
        this(name, title, description, steps, search, List.of());
    }

    /** The same experiment with other steps: how a pace shortens it. */
    public ExperimentDefinition withSteps(List<ExperimentStep> newSteps) {
        return new ExperimentDefinition(name, title, description, newSteps, search, columns);
    }
}
