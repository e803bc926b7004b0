package dev.rolelab.gui.pages;

import dev.rolelab.gui.Page;
import dev.rolelab.gui.WizardModel;
import dev.rolelab.gui.WizardWindow;
import dev.rolelab.gui.util.Dialogs;
import dev.rolelab.gui.util.EventPump;
import dev.rolelab.gui.util.Fxml;
import dev.rolelab.run.Event;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;

/** Creates the lab: a row per step with its state, elapsed time and AWS CLI equivalent; Cancel asks, then rolls back. Binds {@link ProvisionViewModel}. */
public final class ProvisionPage implements Page {

    public static final String TITLE = "Provision";

    private final WizardWindow window;
    private final ProvisionViewModel viewModel;
    private final List<StepRow> stepRows = new ArrayList<>();
    private final Node view;
    @FXML
    private ProgressBar progress;
    @FXML
    private Button cancel;
    @FXML
    private Button again;
    @FXML
    private Label status;
    @FXML
    private CheckBox showCli;
    @FXML
    private VBox list;
    @FXML
    private Label rollingBack;
    @FXML
    private VBox rollback;

    public ProvisionPage(WizardModel model, WizardWindow window) {
        this.window = window;
        viewModel = new ProvisionViewModel(model, sink -> {
            EventPump<Event> pump = new EventPump<>(sink, () -> stepRows.forEach(StepRow::tick));
            return new ProvisionViewModel.Feed() {
                @Override
                public void start() {
                    pump.start();
                }

                @Override
                public void offer(Event e) {
                    pump.offer(e);
                }

                @Override
                public void stop() {
                    pump.stop();
                }
            };
        });
        view = Fxml.load(this);
    }

    @FXML
    private void initialize() {
        for (ProvisionViewModel.Row r : viewModel.rows()) {
            list.getChildren().add(row(r, true));
        }
        viewModel.rollback().addListener((ListChangeListener<ProvisionViewModel.Row>) c -> {
            while (c.next()) {
                if (c.wasRemoved()) {
                    rollback.getChildren().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    int at = c.getFrom();
                    for (ProvisionViewModel.Row r : c.getAddedSubList()) {
                        rollback.getChildren().add(at++, row(r, false));
                    }
                }
            }
        });
        progress.progressProperty().bind(viewModel.progressProperty());
        cancel.disableProperty().bind(viewModel.runningProperty().not());
        again.visibleProperty().bind(viewModel.canRetryProperty());
        again.managedProperty().bind(viewModel.canRetryProperty());
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.failedProperty().addListener((o, a, failed) -> {
            status.getStyleClass().removeAll("field-error");
            if (failed) {
                status.getStyleClass().add("field-error");
            }
        });
        showCli.selectedProperty().bindBidirectional(viewModel.showCliProperty());
        rollingBack.textProperty().bind(viewModel.bannerProperty());
        rollingBack.visibleProperty().bind(viewModel.bannerProperty().isNotEmpty());
        rollingBack.managedProperty().bind(viewModel.bannerProperty().isNotEmpty());
    }

    /** A step row that follows its view-model row (a plan step's row also shows its CLI equivalent on demand). */
    private StepRow row(ProvisionViewModel.Row r, boolean step) {
        StepRow row = new StepRow(r.id(), r.title());
        Runnable show = () -> {
            row.set(StepRow.State.valueOf(r.state().name()), r.detail());
            if (r.detail().isEmpty()) {
                row.clearDetail();
            }
        };
        r.stateProperty().addListener((o, a, b) -> show.run());
        r.detailProperty().addListener((o, a, b) -> show.run());
        show.run();
        r.tookProperty().addListener((o, a, d) -> row.took(d));
        row.took(r.tookProperty().get());
        if (step) {
            Runnable extra = () -> row.extra(r.cliProperty().get(), viewModel.showCliProperty().get());
            r.cliProperty().addListener((o, a, b) -> extra.run());
            viewModel.showCliProperty().addListener((o, a, b) -> extra.run());
            extra.run();
            stepRows.add(row);
        }
        return row;
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
        return viewModel.canGoBack();
    }

    @Override
    public void onEnter() {
        viewModel.enter();
    }

    @FXML
    private void tryAgain() {
        viewModel.start();
    }

    @FXML
    private void confirmCancel() {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(window.stage());
        a.setTitle("Cancel provisioning?");
        a.setHeaderText("Stop creating the lab?");
        a.setContentText("Steps already running finish; nothing new starts; then everything created so far is removed.");
        ButtonType stop = new ButtonType("Stop and remove", ButtonBar.ButtonData.OK_DONE);
        ButtonType go = new ButtonType("Keep going", ButtonBar.ButtonData.CANCEL_CLOSE);
        a.getButtonTypes().setAll(go, stop);
        Dialogs.fitToText(a);
        if (a.showAndWait().orElse(go) == stop) {
            viewModel.cancel();
        }
    }

    @Override
    public String whatClosingDoes() {
        return viewModel.whatClosingDoes();
    }

    /** Closing while the run goes: see {@link ProvisionViewModel#stop()}. Runs on a worker. */
    @Override
    public void stop() {
        viewModel.stop();
    }
}
