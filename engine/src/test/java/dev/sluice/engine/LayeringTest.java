package dev.sluice.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layers inside the engine; the api module's own rule lives in sluice-api (ApiPackageTest). */
class LayeringTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.engine");

    @Test
    void the_data_path_never_reaches_up_into_http() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.sluice.engine.health..",
                        "dev.sluice.engine.sink..",
                        "dev.sluice.engine.stream..",
                        "dev.sluice.engine.workers..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.sluice.engine.http..")
                .check(engine);
    }
}
