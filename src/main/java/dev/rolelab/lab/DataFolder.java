package dev.rolelab.lab;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Where RoleLab keeps ledgers, keys, logs and settings: {@code ROLELAB_HOME}, else the platform's usual place. */
public final class DataFolder {
    private DataFolder() { }

    public static Path resolve() {
        return resolve(System.getenv(), System.getProperty("rolelab.home"), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    static Path resolve(Map<String, String> env, String property, String osName, String userHome) {
        String override = env.get("ROLELAB_HOME");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return local != null ? Path.of(local, "RoleLab") : Path.of(userHome, "AppData", "Local", "RoleLab");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "RoleLab");
        }
        return Path.of(userHome, ".rolelab");
    }
}
