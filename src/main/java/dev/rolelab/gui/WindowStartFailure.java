package dev.rolelab.gui;

import java.util.Locale;

/** Why the wizard's window could not open, said as what to do (the CLI works without a window). */
public final class WindowStartFailure {
    private WindowStartFailure() { }

    public static String explain(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable e = t; e != null; e = e.getCause()) {
            all.append(' ').append(e.getMessage());
        }
        String text = all.toString().toLowerCase(Locale.ROOT);
        String cli = " The CLI needs no window: `java -jar target/rolelab.jar --help`.";
        if (text.contains("gtk")) {
            return "RoleLab's window could not open: the GTK 3 library it draws with is not installed. "
                    + "Install it (Debian/Ubuntu: sudo apt-get install libgtk-3-0; Fedora: sudo dnf install gtk3), then start RoleLab again." + cli;
        }
        if (text.contains("display")) {
            return "RoleLab's window could not open: there is no display to open it on (DISPLAY is not set, e.g. over SSH). "
                    + "Start it in a desktop session, or with a virtual display (xvfb-run)." + cli;
        }
        if (text.contains("pipeline") || text.contains("graphics device")) {
            return "RoleLab's window could not open: the graphics system could not start. Try `java -Dprism.order=sw -jar …` "
                    + "(software rendering)." + cli;
        }
        return "RoleLab's window could not open; the details are in rolelab.log in the data folder." + cli;
    }
}
