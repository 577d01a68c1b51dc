package dev.sluice.gui;

import dev.sluice.api.ExperimentRequest;
import dev.sluice.api.LoadSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the window starts.
 *
 * @param classroom       large fonts and the ingest mode shown big
 * @param load            a load to start once the engine answers, or null
 * @param screenshot      where to save a PNG of the window after {@code screenshotAfter} (then close), or null
 * @param screenshotAfter how long to run before the screenshot
 * @param experiment      an experiment to start once the engine answers (its tab then in front), or null
 */
record ConsoleSettings(
        boolean classroom, LoadSpec load, Path screenshot, Duration screenshotAfter, ExperimentRequest experiment) {

    static ConsoleSettings defaults() {
        return new ConsoleSettings(false, null, null, Duration.ofSeconds(20), null);
    }
}
