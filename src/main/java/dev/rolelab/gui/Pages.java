package dev.rolelab.gui;

import dev.rolelab.gui.pages.AccountPage;
import dev.rolelab.gui.pages.BuildPage;
import dev.rolelab.gui.pages.CleanupPage;
import dev.rolelab.gui.pages.KeyPage;
import dev.rolelab.gui.pages.LearnedPage;
import dev.rolelab.gui.pages.NamesPage;
import dev.rolelab.gui.pages.NetworkPage;
import dev.rolelab.gui.pages.ProvisionPage;
import dev.rolelab.gui.pages.ReviewPage;
import dev.rolelab.gui.pages.VerifyPage;
import dev.rolelab.gui.pages.WelcomePage;
import java.util.List;
import java.util.function.Function;

/** The wizard's pages, in order. */
final class Pages {
    private Pages() { }

    /** A page before it is built: its title (for the step bar), its type (to jump to it), how to build it. */
    record Entry(String title, Class<? extends Page> type, Function<WizardWindow, Page> make) { }

    /** Each page is built when first shown: the welcome page alone stands between start-up and the first frame. */
    static List<Entry> all() {
        return List.of(
                new Entry(WelcomePage.TITLE, WelcomePage.class, w -> new WelcomePage(w.model(), w)),
                new Entry(AccountPage.TITLE, AccountPage.class, w -> new AccountPage(w.model())),
                new Entry(NetworkPage.TITLE, NetworkPage.class, w -> new NetworkPage(w.model())),
                new Entry(KeyPage.TITLE, KeyPage.class, w -> new KeyPage(w.model())),
                new Entry(NamesPage.TITLE, NamesPage.class, w -> new NamesPage(w.model())),
                new Entry(ReviewPage.TITLE, ReviewPage.class, w -> new ReviewPage(w.model())),
                new Entry(ProvisionPage.TITLE, ProvisionPage.class, w -> new ProvisionPage(w.model(), w)),
                new Entry(BuildPage.TITLE, BuildPage.class, w -> new BuildPage(w.model(), w)),
                new Entry(VerifyPage.TITLE, VerifyPage.class, w -> new VerifyPage(w.model())),
                new Entry(CleanupPage.TITLE, CleanupPage.class, w -> new CleanupPage(w.model(), w)),
                new Entry(LearnedPage.TITLE, LearnedPage.class, w -> new LearnedPage(w.model())));
    }
}
