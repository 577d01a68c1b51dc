package dev.sluice.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The seam module carries nothing a console would not want on its classpath: no store driver, server or UI. */
class ApiPackageTest {
    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.api");

    @Test
    void the_api_depends_only_on_itself_the_jdk_jackson_and_slf4j() {
        classes()
                .that()
                .resideInAPackage("dev.sluice.api..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.sluice.api..", "java..", "com.fasterxml.jackson..", "org.slf4j..")
                .check(api);
    }
}
