package dev.rolelab.gui.util;

import dev.rolelab.lab.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the window remembers between runs: theme and geometry. Kept in the data folder as JSON. */
public final class Settings {
    public boolean dark;
    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1100;
    public double height = 760;
    public boolean maximized;

    public static Settings load(Path file) {
        try {
            return Files.exists(file) ? Json.MAPPER.readValue(file.toFile(), Settings.class) : new Settings();
        } catch (IOException e) {
            return new Settings(); // a damaged settings file is not worth a failure
        }
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.pretty(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // losing the window size is harmless
        }
    }
}
