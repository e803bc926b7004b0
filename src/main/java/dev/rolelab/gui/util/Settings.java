package dev.rolelab.gui.util;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What the window remembers between runs: theme and geometry, in a properties file in the data folder.
 * (Plain properties, not JSON: this is read before the first frame, where loading Jackson would cost.)
 */
public final class Settings {
    public boolean dark;
    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1100;
    public double height = 760;
    public boolean maximized;
    /** Whether the size came from an earlier run (a first start picks one for the screen instead). */
    private boolean remembered;

    public boolean remembered() {
        return remembered;
    }

    public static Settings load(Path file) {
        Settings s = new Settings();
        if (!Files.exists(file)) {
            return s;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            s.dark = Boolean.parseBoolean(p.getProperty("dark", "false"));
            s.maximized = Boolean.parseBoolean(p.getProperty("maximized", "false"));
            s.x = Double.parseDouble(p.getProperty("x", "NaN"));
            s.y = Double.parseDouble(p.getProperty("y", "NaN"));
            s.width = Math.max(400, Double.parseDouble(p.getProperty("width", "1100")));
            s.height = Math.max(300, Double.parseDouble(p.getProperty("height", "760")));
            // a size at the window's minimum is what a window manager gave a first start, not a choice worth keeping
            s.remembered = p.containsKey("width") && (s.width > 860 || s.height > 600);
        } catch (IOException | NumberFormatException e) {
            return new Settings(); // a damaged settings file is not worth a failure
        }
        return s;
    }

    public void save(Path file) {
        Properties p = new Properties();
        p.setProperty("dark", Boolean.toString(dark));
        p.setProperty("maximized", Boolean.toString(maximized));
        p.setProperty("x", Double.toString(x));
        p.setProperty("y", Double.toString(y));
        p.setProperty("width", Double.toString(width));
        p.setProperty("height", Double.toString(height));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "RoleLab window settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // losing the window size is harmless
        }
    }
}
