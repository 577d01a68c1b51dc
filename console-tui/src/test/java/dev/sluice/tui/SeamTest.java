package dev.sluice.tui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The console reaches the engine only through its seam: never a store client, a pool or the HTTP server. */
@AnalyzeClasses(packages = "dev.sluice.tui", importOptions = ImportOption.DoNotIncludeTests.class)
class SeamTest {
    @ArchTest
    static final ArchRule console_uses_only_the_engine_seam = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.lettuce..", "com.zaxxer..", "org.postgresql..", "io.javalin..",
                    "dev.sluice.engine.store..", "dev.sluice.engine.stream..", "dev.sluice.engine.sink..",
                    "dev.sluice.engine.http..", "dev.sluice.engine.metrics..");

    @ArchTest
    static final ArchRule view_model_has_no_lanterna_types = noClasses()
            .that().haveSimpleName("DashboardModel").or().haveSimpleName("SampleHistory").or().haveSimpleName("EngineActions")
            .should().dependOnClassesThat().resideInAnyPackage("com.googlecode.lanterna..");
}
