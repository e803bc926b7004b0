package dev.rolelab.gui;

import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/** One step of the wizard: its view, whether Next may be pressed, what happens on the way in. */
public interface Page {

    String title();

    /** Built once; the wizard shows it when the page is entered. */
    Node view();

    /** Always true / always false, for pages with nothing to wait for. */
    ObservableBooleanValue YES = new javafx.beans.property.ReadOnlyBooleanWrapper(true).getReadOnlyProperty();
    ObservableBooleanValue NO = new javafx.beans.property.ReadOnlyBooleanWrapper(false).getReadOnlyProperty();

    /**
     * Next is enabled (and Enter works) only while this is true. Return the same object every time:
     * a binding made afresh on each call is only weakly held and would stop updating once collected.
     */
    default ObservableBooleanValue valid() {
        return YES;
    }

    /** Something runs that must not be walked away from (Back is disabled, closing asks). Same object every time. */
    default ObservableBooleanValue busy() {
        return NO;
    }

    default void onEnter() {
    }

    /** Whether Back may leave this page (a page that created resources does not go back). */
    default boolean canGoBack() {
        return true;
    }

    /** The label of the Next button on this page. */
    default String nextLabel() {
        return "Next";
    }

    /** Asked to stop what runs (window closing): returns when the ledger is exact. */
    default void stop() {
    }
}
