package dev.sluice.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console drives the engine only through its seam (STYLE.md §1, §8). */
class SeamTest {
    private final JavaClasses gui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.gui");

    @Test
    void the_console_never_touches_the_stores_or_the_http_server() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "com.zaxxer.hikari..", "org.postgresql..",
                "io.javalin..", "dev.sluice.engine.store..", "dev.sluice.engine.stream..", "dev.sluice.engine.sink..",
                "dev.sluice.engine.http..", "dev.sluice.engine.metrics..").check(gui);
    }

    @Test
    void view_models_have_no_javafx_types() {
        noClasses().that().haveSimpleNameEndingWith("Model").or().haveSimpleName("SnapshotInbox").or().haveSimpleName("EventLog")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..").check(gui);
    }
}
