package dev.rolelab.lab;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Where RoleLab keeps ledgers, keys, logs and settings: {@code ROLELAB_HOME}, else the platform's usual place. */
public final class DataFolder {

    /** Folders only their owner may enter: ledgers name the account, keys are secrets. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    /** Files only their owner may read. */
    public static final Set<PosixFilePermission> OWNER_ONLY_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

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

    /**
     * Creates {@code dir} and any missing parents as owner-only (0700) folders. An existing folder is
     * tightened to 0700 only when {@code tighten}: RoleLab's own sub-folders ({@code labs/}, {@code keys/}) are,
     * the data folder itself is not (it may be a folder the user chose with ROLELAB_HOME).
     */
    public static void createOwnerOnly(Path dir, boolean tighten) throws IOException {
        Path abs = dir.toAbsolutePath();
        boolean posix = posix(abs);
        if (tighten && Files.isSymbolicLink(abs)) {
            // RoleLab's own folder (keys/, labs/) holds private keys and ledgers: never written through a link to
            // a folder whose permissions are someone else's
            throw new IOException(linked(abs));
        }
        if (Files.isDirectory(abs)) {
            if (tighten && posix) {
                Set<PosixFilePermission> now = Files.getPosixFilePermissions(abs, LinkOption.NOFOLLOW_LINKS);
                if (!now.equals(OWNER_ONLY_FOLDER) && Files.isWritable(abs)) {
                    Files.setPosixFilePermissions(abs, OWNER_ONLY_FOLDER);
                }
            }
            return;
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new NotDirectoryException(abs.toString());
        }
        if (posix) {
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER);
            Files.createDirectories(abs, attr);
        } else {
            Files.createDirectories(abs);
        }
    }

    private static String linked(Path abs) {
        return abs + " is a symbolic link; RoleLab keeps this folder owner-only (0700) and does not follow "
                + "a link for it: remove the link, and RoleLab makes the folder again";
    }

    /**
     * Why RoleLab's own folder ({@code keys/}, {@code labs/}) could not be used as it is, or empty: what
     * {@link #createOwnerOnly(Path, boolean) createOwnerOnly(dir, true)} would refuse later (a link, a file in its place),
     * found without creating or changing anything (for {@code plan}, and before {@code up} creates anything). A missing
     * folder is fine: it is made when needed.
     */
    public static java.util.Optional<String> ownFolderProblem(Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.isSymbolicLink(abs)) {
            return java.util.Optional.of(linked(abs));
        }
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.of("a file is in the way where a folder should be (" + printable(abs) + ")");
        }
        return java.util.Optional.empty();
    }

    /**
     * Where the log goes: {@code rolelab.log} in the data folder if it can be written there, else
     * {@code rolelab-<user>.log} in the temporary folder (a data folder that is a file, read-only or full
     * must not leave a message pointing at a log that does not exist), else nowhere.
     */
    public static java.util.Optional<Path> logFile(Path data) {
        String user = String.valueOf(System.getProperty("user.name")).replaceAll("[^A-Za-z0-9._-]", "_");
        for (Path candidate : java.util.List.of(data.resolve("rolelab.log"), Path.of(System.getProperty("java.io.tmpdir"), "rolelab-" + user + ".log"))) {
            try {
                createOwnerOnly(candidate.toAbsolutePath().getParent(), false);
                java.util.Set<java.nio.file.OpenOption> options = java.util.Set.of(java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
                var ch = posix(candidate.getParent()) ? java.nio.channels.FileChannel.open(candidate, options,
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)) : java.nio.channels.FileChannel.open(candidate, options);
                ch.close(); // opening it for append is the test; the logger reopens it
                return java.util.Optional.of(candidate);
            } catch (IOException | RuntimeException e) {
                // try the next place
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the file system under {@code path} (or its nearest existing parent) has POSIX permissions. */
    public static boolean posix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Why writing failed, in a person's words (the OS's reason, not Java's class name). */
    public static String why(IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("no space left")) {
            return "the disk is full";
        }
        if (r.contains("quota")) {
            return "the disk quota is used up";
        }
        if (r.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (r.contains("operation not permitted")) {
            return "the system refuses the change (an immutable folder, chattr +i, answers so; `lsattr -d` shows an i)";
        }
        if (e instanceof AccessDeniedException || r.contains("permission denied")) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException || r.contains("not a directory")) {
            return "a file is in the way where a folder should be (" + printable(e instanceof FileSystemException f ? f.getFile() : reason) + ")";
        }
        return printable(reason);
    }

    /** A path or name as it can be shown on one line: control characters (escape sequences, newlines) as '?'. */
    public static String printable(Object value) {
        String s = String.valueOf(value);
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return b.toString();
    }
}
