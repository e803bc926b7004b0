package dev.rolelab.gui;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One step of the wizard: its view, whether Next may be pressed, what happens on the way in and out.
 * The wizard asks {@link #canExit()} before it moves on and then calls {@link #onExit()}.
 */
public interface Page {

    /** The page's name in the step bar (each page also has it as a constant, so the bar needs no page built). */
    String title();

    /** Built once; the wizard shows it when the page is entered. */
    Node view();

    /** Always true / always false, for pages with nothing to wait for. */
    ObservableBooleanValue YES = new ReadOnlyBooleanWrapper(true).getReadOnlyProperty();
    ObservableBooleanValue NO = new ReadOnlyBooleanWrapper(false).getReadOnlyProperty();

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

    /** Whether Next is the default button (Enter); false while the page's own main action is. Same object every time. */
    default ObservableBooleanValue nextIsDefault() {
        return YES;
    }

    default void onEnter() {
    }

    /** Asked when Next is pressed: false keeps the user here (a page may ask first, e.g. leaving a live lab). */
    default boolean canExit() {
        return true;
    }

    /** Called once the wizard leaves this page forward. */
    default void onExit() {
    }

    /** Whether Back may leave this page (a page that created resources does not go back). */
    default boolean canGoBack() {
        return true;
    }

    /** The label of the Next button on this page. */
    default String nextLabel() {
        return "Next";
    }

    /** What closing the window while {@link #busy()} does, in one sentence for the "Leave RoleLab?" dialog. */
    default String whatClosingDoes() {
        return "RoleLab will stop what runs and then close.";
    }

    /** Asked to stop what runs (window closing), on a worker thread: returns when the ledger is exact. */
    default void stop() {
    }
}
