package dev.sluice.tui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The console reaches the engine only through the api module (its command line is sluice-cli on picocli): EngineSessions opens it (local or
 * attached), EngineControl drives it. Nothing of the engine, a store client, a pool or the HTTP
 * server; the poms make that a compile-time fact, this test says it in one place.
 */
@AnalyzeClasses(packages = "dev.sluice.tui", importOptions = ImportOption.DoNotIncludeTests.class)
class SeamTest {
    @ArchTest
    static final ArchRule console_depends_only_on_the_api_its_ui_and_logging = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "dev.sluice.tui..",
                    "dev.sluice.api..",
                    "dev.sluice.cli..",
                    "picocli..",
                    "java..",
                    "javax..",
                    "com.googlecode.lanterna..",
                    "org.slf4j..",
                    "ch.qos.logback..");

    @ArchTest
    static final ArchRule view_model_has_no_lanterna_types = noClasses()
            .that()
            .haveSimpleName("DashboardModel")
            .or()
            .haveSimpleName("SampleHistory")
            .or()
            .haveSimpleName("EngineActions")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.googlecode.lanterna..");
}
