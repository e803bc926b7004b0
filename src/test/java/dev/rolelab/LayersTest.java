package dev.rolelab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers of DESIGN.md: gui/cli → run → cloud/host ports → lab; adapters only wired by gui/cli. */
@AnalyzeClasses(packages = "dev.rolelab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String[] FRAMEWORKS = {"software.amazon.awssdk..", "com.jcraft..", "javafx..", "org.fxmisc..", "atlantafx.."};

    @ArchTest
    static final ArchRule labIsPureModel = noClasses().that().resideInAPackage("dev.rolelab.lab..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.rolelab.run..", "dev.rolelab.cloud..", "dev.rolelab.host..",
                    "dev.rolelab.practice..", "dev.rolelab.gui..", "dev.rolelab.cli..");

    @ArchTest
    static final ArchRule workflowsKnowOnlyPorts = noClasses().that().resideInAPackage("dev.rolelab.run..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.rolelab.cloud.aws..", "dev.rolelab.host.ssh..",
                    "dev.rolelab.practice..", "dev.rolelab.gui..", "dev.rolelab.cli..");

    @ArchTest
    static final ArchRule portsDoNotKnowAdapters = noClasses().that().resideInAnyPackage("dev.rolelab.cloud", "dev.rolelab.host")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.rolelab.cloud.aws..", "dev.rolelab.host.ssh..",
                    "dev.rolelab.practice..", "dev.rolelab.run..", "dev.rolelab.gui..", "dev.rolelab.cli..");

    @ArchTest
    static final ArchRule adaptersDoNotKnowTheWorkflowsOrTheFaces = noClasses()
            .that().resideInAnyPackage("dev.rolelab.cloud.aws..", "dev.rolelab.host.ssh..", "dev.rolelab.practice..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.rolelab.run..", "dev.rolelab.gui..", "dev.rolelab.cli..");

    @ArchTest
    static final ArchRule onlyTheAwsAdapterTouchesTheSdk = noClasses().that().resideOutsideOfPackage("dev.rolelab.cloud.aws..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

    @ArchTest
    static final ArchRule onlyTheSshAdapterTouchesJsch = noClasses().that().resideOutsideOfPackage("dev.rolelab.host.ssh..")
            .should().dependOnClassesThat().resideInAPackage("com.jcraft..");

    /** A page's logic is testable without a window: its view-model holds properties, never nodes, stages or dialogs. */
    @ArchTest
    static final ArchRule viewModelsHoldNoNodes = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("dev.rolelab.(*)..").should().beFreeOfCycles();
}
