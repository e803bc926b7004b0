package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.pages.ReviewViewModel;
import dev.rolelab.gui.util.CurrentThreadTaskExecutor;
import dev.rolelab.lab.LedgerStore;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.practice.PracticeCloud;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Review page's logic, without a window: the policy checked live, its findings at their lines, the plan, the cost. */
class ReviewViewModelTest {

    /** A Java class or constant name as it would leak from a library's message: a.b.Class, `Feature.NAME`, 'ALLOW_X'. */
    static final Pattern JAVA_NAME = Pattern.compile("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*\\b|`|\\b[A-Z][a-z]+[A-Z]\\w*\\.[A-Z_]{2,}\\b|'[A-Z]+(?:_[A-Z]+)+'");

    @TempDir
    Path data;

    PracticeCloud cloud;
    WizardModel model;
    ReviewViewModel vm;

    @BeforeEach
    void setUp() {
        cloud = new PracticeCloud(data.resolve("practice/account.json"), "us-east-1", PracticeCloud.Timing.INSTANT);
        // the same simulated account answers for a "real" choice too: the tests look at what the page shows, not at AWS
        model = new WizardModel(new Services(data, new LedgerStore(data), new CurrentThreadTaskExecutor(),
                (practice, region, profile) -> cloud, c -> null, c -> null, Map::of, Map::of, () -> false));
        model.cidrProperty().set("203.0.113.10/32");
        vm = new ReviewViewModel(model);
    }

    static int lineOf(String text, String content) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(content)) {
                return i + 1;
            }
        }
        throw new AssertionError(content + " is not in " + text);
    }

    @Test
    void theGeneratedPolicyIsAcceptedAndConfirmedBeforeAnythingExists() {
        vm.enter();
        assertTrue(vm.policyProperty().get().contains("ecr:PutImage"));
        assertEquals(List.of(), vm.findings());
        assertTrue(vm.valid().get());
        assertNull(model.editedPolicyProperty().get(), "the generated policy is not an edit");
        assertTrue(vm.simulation().okProperty().get(), vm.simulation().summaryProperty().get());
        assertEquals(2, vm.plain().size(), vm.plain().toString());
        assertTrue(vm.plain().get(0).endsWith("on the repository ec2-ecr-test only."), vm.plain().get(0));
        assertTrue(vm.trustProperty().get().contains("ec2.amazonaws.com"), vm.trustProperty().get());
        assertTrue(vm.summary().stream().anyMatch(l -> l.contains("ec2-ecr-test")), vm.summary().toString());
        assertTrue(vm.summary().stream().anyMatch(l -> l.equals("•  SSH rule: tcp/22 from 203.0.113.10/32")), vm.summary().toString());
    }

    @Test
    void theViewsListenersOnTheListsOutliveAGarbageCollection() {
        List<String> heard = new java.util.ArrayList<>();
        vm.findings().addListener((javafx.collections.ListChangeListener<ReviewViewModel.Finding>) c -> heard.add("findings"));
        vm.plain().addListener((javafx.collections.ListChangeListener<String>) c -> heard.add("plain"));
        vm.summary().addListener((javafx.collections.ListChangeListener<String>) c -> heard.add("summary"));
        for (int i = 0; i < 3; i++) {
            System.gc(); // a list view made afresh per call would be collected here, and its listeners with it
        }
        vm.enter();
        vm.policyProperty().set("{}");
        assertTrue(heard.containsAll(List.of("findings", "plain", "summary")), heard.toString());
    }

    @Test
    void aRemovedPushActionIsReportedAtTheLineOfItsStatementsActionNotAtLine1() {
        vm.enter();
        String edited = vm.policyProperty().get().replace("        \"ecr:PutImage\",\n", "");
        vm.policyProperty().set(edited);
        int action = lineOf(edited, "\"Action\": [");
        assertNotEquals(1, action);
        ReviewViewModel.Finding f = vm.findings().stream().filter(x -> x.text().contains("ecr:PutImage")).findFirst().orElseThrow();
        assertTrue(f.error());
        assertEquals(action, f.line(), f.text());
        assertTrue(f.text().startsWith("Line " + action + ": no longer allows ecr:PutImage"), f.text());
        assertTrue(vm.markedLinesProperty().get().contains(action), vm.markedLinesProperty().get().toString());
        assertFalse(vm.valid().get());
        assertTrue(vm.askDisabled().get(), "a refused policy is not sent to the simulator");
        assertEquals(edited, model.editedPolicyProperty().get(), "the edit is what the lab will be made with");

        vm.reset();
        assertEquals(List.of(), vm.findings());
        assertTrue(vm.valid().get());
        assertNull(model.editedPolicyProperty().get());
    }

    @Test
    void anEditIsKeptWhenThePageIsEnteredAgain() {
        vm.enter();
        String edited = vm.policyProperty().get().replace("\"Sid\": \"LogInToTheRegistry\"", "\"Sid\": \"Login\"");
        vm.policyProperty().set(edited);
        vm.enter();
        assertEquals(edited, vm.policyProperty().get());
        assertTrue(vm.valid().get());
    }

    @Test
    void practiceShowsNoCostBecauseASimulationCostsNothing() {
        model.practiceProperty().set(true);
        vm.enter();
        assertEquals("", vm.costProperty().get());
        assertTrue(vm.summary().stream().noneMatch(l -> l.contains("$")), vm.summary().toString());
    }

    @Test
    void aRealAccountShowsWhatTheLabCostsWhileItExists() {
        model.practiceProperty().set(false);
        vm.enter();
        String cost = vm.costProperty().get();
        assertTrue(cost.startsWith("Cost while it exists: about $0.0104/h for t3.micro"), cost);
        model.practiceProperty().set(true);
        vm.enter();
        assertEquals("", vm.costProperty().get(), "back to practice: the price goes");
    }

    @Test
    void aCutOffPolicyIsWordedWithoutTheJsonParsersClassNames() {
        vm.enter();
        String text = vm.policyProperty().get();
        vm.policyProperty().set(text.substring(0, text.lastIndexOf('}')));
        assertFalse(vm.valid().get());
        String m = vm.findings().get(0).text();
        assertFalse(JAVA_NAME.matcher(m).find(), m);
        assertFalse(m.contains("Source") || m.contains("REDACTED"), m);
        assertTrue(m.startsWith("Line " + text.lines().count() + ": "), m);
        assertTrue(m.contains("line 1") && m.contains("}"), "says which object is not closed, and with what: " + m);
    }

    @Test
    void aCommentInThePolicyIsWordedWithoutTheParsersFeatureName() {
        vm.enter();
        vm.policyProperty().set(vm.policyProperty().get().replace("\"Statement\": [", "// the statements\n  \"Statement\": ["));
        String m = vm.findings().get(0).text();
        assertFalse(JAVA_NAME.matcher(m).find(), m);
        assertFalse(m.contains("Feature") || m.contains("parser"), m);
        assertTrue(m.startsWith("Line 3: ") && m.contains("comment"), m);
    }

    @Test
    void aSimulatorThatCannotBeAskedSaysWhyInTheEnginesWords() {
        model.practiceProperty().set(true);
        cloud.failCall(1, "AccessDenied", "User is not authorized to perform: iam:SimulateCustomPolicy");
        vm.enter();
        String s = vm.simulation().summaryProperty().get();
        assertTrue(s.startsWith("The simulator could not be asked: "), s);
        assertTrue(s.contains("AccessDenied"), s);
        assertFalse(s.contains("Exception") || JAVA_NAME.matcher(s).find(), s);
        assertFalse(vm.askDisabled().get(), "it can be asked again");
    }

    @Test
    void aDockerfileWithoutFromIsAnErrorAtItsField() {
        vm.enter();
        vm.dockerfileProperty().set("RUN echo hi");
        assertTrue(vm.dockerfileMessageProperty().get().isError());
        assertTrue(vm.dockerfileMessageProperty().get().message().contains("FROM"));
        assertFalse(vm.valid().get());
        vm.dockerfileProperty().set("FROM alpine:latest\n");
        assertNull(vm.dockerfileMessageProperty().get());
        assertTrue(vm.valid().get());
    }

    @Test
    void anotherRepositoryNameChangesWhatThePolicyMustAllow() {
        vm.enter();
        model.nameProperty(ResourceKind.REPOSITORY).set("other-repo");
        vm.enter();
        assertTrue(vm.policyProperty().get().contains("repository/other-repo"), vm.policyProperty().get());
        assertTrue(vm.valid().get(), vm.findings().toString());
    }
}
