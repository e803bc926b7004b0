package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.TerminalView;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Fxml;
import dev.rolelab.run.Event;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The remote steps as a checklist beside the live terminal; a failed step shows its exit status and offers Retry. Binds {@link BuildViewModel}. */
public final class BuildPage implements Page {

    public static final String TITLE = "Build & push";

    private final WizardWindow window;
    private final BuildViewModel viewModel;
    private final List<StepRow> stepRows = new ArrayList<>();
    private final TerminalView terminal = new TerminalView();
    private final Node view;
    @FXML
    private Label status;
    @FXML
    private Button retry;
    @FXML
    private Button cancel;
    @FXML
    private HBox work;
    @FXML
    private VBox checklist;

    public BuildPage(WizardModel model, WizardWindow window) {
        this.window = window;
        // events reach the rows and the terminal once a frame, batched; each frame also ticks the rows' elapsed time
        viewModel = new BuildViewModel(model, this::askHostKey, sink -> new EventPump<Event>(sink, () -> stepRows.forEach(StepRow::tick)));
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        terminal.setId("terminal");
        terminal.setPrefHeight(460);
        terminal.setMinWidth(380);
        HBox.setHgrow(terminal, Priority.ALWAYS);
        work.getChildren().add(terminal);
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.statusErrorProperty().addListener((o, a, error) -> {
            status.getStyleClass().removeAll("field-error");
            if (error) {
                status.getStyleClass().add("field-error");
            }
        });
        retry.visibleProperty().bind(viewModel.retryOfferedProperty());
        retry.managedProperty().bind(viewModel.retryOfferedProperty());
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        viewModel.terminal(lines -> terminal.append(lines.stream().map(BuildPage::line).toList()));
        viewModel.rows().addListener((javafx.collections.ListChangeListener<BuildViewModel.Row>) c -> showRows());
        showRows();
    }

    private void showRows() {
        stepRows.clear();
        for (BuildViewModel.Row r : viewModel.rows()) {
            StepRow row = new StepRow(r.id(), r.title());
            if (r.extra() != null) {
                row.extra(r.extra(), true);
            }
            show(row, r.statusProperty().get());
            r.statusProperty().addListener((o, a, s) -> show(row, s));
            row.took(r.tookProperty().get());
            r.tookProperty().addListener((o, a, d) -> row.took(d));
            stepRows.add(row);
        }
        checklist.getChildren().setAll(stepRows);
    }

    private static void show(StepRow row, BuildViewModel.Status s) {
        row.set(StepRow.State.valueOf(s.state().name()), s.detail());
    }

    private static TerminalView.Line line(BuildViewModel.Line l) {
        return switch (l.kind()) {
            case OUT -> TerminalView.Line.out(l.text());
            case ERR -> TerminalView.Line.err(l.text());
            case COMMAND -> TerminalView.Line.command(l.text());
            case INFO -> TerminalView.Line.info(l.text());
        };
    }

    @FXML
    private void retry() {
        viewModel.start();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public ObservableBooleanValue valid() {
        return viewModel.doneProperty();
    }

    @Override
    public ObservableBooleanValue busy() {
        return viewModel.runningProperty();
    }

    @Override
    public boolean canGoBack() {
        return false;
    }

    @Override
    public void onEnter() {
        viewModel.enter();
    }

    /** On the FX thread, when the instance printed no host keys: the person compares the fingerprint and decides. */
    private boolean askHostKey(String fingerprint) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window.stage());
        a.setTitle("Confirm the host key");
        a.setHeaderText("The instance did not print its host keys on its console.");
        a.setContentText("It presents this key:\n\n" + fingerprint + "\n\nCompare it with the EC2 console (Actions → Monitor and "
                + "troubleshoot → Get system log). Trust it only if it matches.");
        ButtonType trust = new ButtonType("Trust this key", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("Do not connect", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(no, trust);
        Dialogs.fitToText(a);
        return a.showAndWait().orElse(no) == trust;
    }

    @Override
    public String whatClosingDoes() {
        return "RoleLab will stop the command on the instance and close. The lab stays: the next start offers to resume or clean it up.";
    }

    @Override
    public void stop() {
        viewModel.stop();
    }

    /** For the benchmark and tests: the terminal. */
    public TerminalView terminal() {
        return terminal;
    }
}
