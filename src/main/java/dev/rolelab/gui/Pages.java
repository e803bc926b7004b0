package dev.rolelab.gui;

import dev.rolelab.gui.pages.AccountPage;
import dev.rolelab.gui.pages.BuildPage;
import dev.rolelab.gui.pages.CleanupPage;
import dev.rolelab.gui.pages.KeyPage;
import dev.rolelab.gui.pages.NamesPage;
import dev.rolelab.gui.pages.NetworkPage;
import dev.rolelab.gui.pages.ProvisionPage;
import dev.rolelab.gui.pages.ReviewPage;
import dev.rolelab.gui.pages.VerifyPage;
import dev.rolelab.gui.pages.WelcomePage;
import java.util.List;
import java.util.function.Supplier;

/** The wizard's pages, in order (their names are {@link WizardWindow#STEP_NAMES}). */
final class Pages {
    private Pages() { }

    /** Each page is built when first shown: the welcome page alone stands between start-up and the first frame. */
    static List<Supplier<Page>> all(WizardModel model, WizardWindow window) {
        return List.of(() -> new WelcomePage(model, window), () -> new AccountPage(model), () -> new NetworkPage(model),
                () -> new KeyPage(model), () -> new NamesPage(model), () -> new ReviewPage(model),
                () -> new ProvisionPage(model, window), () -> new BuildPage(model, window), () -> new VerifyPage(model),
                () -> new CleanupPage(model, window));
    }
}
