package dev.rolelab.run;

import java.util.concurrent.atomic.AtomicBoolean;

/** A cancel request shared by a run and whoever may press Cancel (or Ctrl-C). */
public final class Cancel {
    private final AtomicBoolean requested = new AtomicBoolean();

    public void request() {
        requested.set(true);
    }

    public boolean requested() {
        return requested.get();
    }
}
