package dev.sluice.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layers inside the engine; the api module's own rule lives in sluice-api (ApiPackageTest). */
class LayersTest {
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.engine");

    @Test
    void stores_and_sinks_never_reach_up_into_http() {
        noClasses().that().resideInAnyPackage("dev.sluice.engine.store..", "dev.sluice.engine.sink..", "dev.sluice.engine.stream..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice.engine.http..")
                .check(engine);
    }
}
