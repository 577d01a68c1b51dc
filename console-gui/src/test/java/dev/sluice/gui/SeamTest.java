package dev.sluice.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console reaches the engine only through the api module: EngineSessions opens it (local or
 * attached), EngineControl drives it. Nothing of the engine, a store client, a pool or the HTTP server.
 */
class SeamTest {
    private final JavaClasses gui = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.gui");

    @Test
    void the_console_depends_only_on_the_api_its_ui_and_logging() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.sluice.gui..",
                        "dev.sluice.api..",
                        "dev.sluice.cli..",
                        "picocli..",
                        "java..",
                        "javax..",
                        "javafx..",
                        "org.jfree..",
                        "org.slf4j..",
                        "ch.qos.logback..")
                .check(gui);
    }

    @Test
    void view_models_have_no_javafx_types() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Model")
                .or()
                .haveSimpleName("SnapshotInbox")
                .or()
                .haveSimpleName("EventLog")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(gui);
    }
}
