package dev.rolelab.cli;

import dev.rolelab.run.Cancel;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a workflow: cancel it (no new calls, running ones finish, rollback), wait for it to
 * settle so the ledger is exact, then exit with 130.
 */
final class Interrupts implements AutoCloseable {
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean signalled;

    Interrupts(Cancel cancel, PrintWriter err) {
        hook = new Thread(() -> {
            signalled = true;
            cancel.request();
            err.println();
            err.println("rolelab: cancelling: no new calls; waiting for running ones, then removing what was created…");
            err.flush();
            try {
                settled.await(15, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.CANCELLED);
        }, "rolelab-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    boolean signalled() {
        return signalled;
    }

    @Override
    public void close() {
        settled.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down because of the signal: the hook ends the process with 130
        }
    }
}
