package dev.sluice.api;

/**
 * What {@link EngineControl#startExperiment} runs: a built-in experiment by name, or a definition
 * the caller brings (read from a user's file), at a pace, against an SLO.
 *
 * @param name       a name {@link EngineControl#experiments()} lists; ignored when {@code definition} is given
 * @param definition a user-defined experiment, or null for a built-in one
 * @param pace       how long the steps last; null is {@link ExperimentPace#FULL}
 * @param slo        the objective steps are judged by (max-rate); null is {@link Slo#DEFAULT}
 */
public record ExperimentRequest(String name, ExperimentDefinition definition, ExperimentPace pace, Slo slo) {
    public ExperimentRequest {
        if (definition != null) {
            name = definition.name();
        }
        Checks.require(name, "an experiment's name");
        pace = pace == null ? ExperimentPace.FULL : pace;
        slo = slo == null ? Slo.DEFAULT : slo;
    }

    /** A built-in experiment at a pace, with the default SLO. */
    public static ExperimentRequest builtIn(String name, ExperimentPace pace) {
        return new ExperimentRequest(name, null, pace, null);
    }

    public ExperimentRequest withSlo(Slo s) {
        return new ExperimentRequest(name, definition, pace, s);
    }
}
