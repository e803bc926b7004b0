package dev.rolelab.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The ledgers of all labs: one JSON file each under {@code <data folder>/labs}, replaced atomically.
 *
 * <p>One process owns a lab's ledger at a time: it holds an OS lock on {@code labs/<lab id>.lock} (with
 * its pid written in the file) from its first write, or {@link #claim}, until {@link #close}; a
 * second process that asks waits briefly, then is told which process holds it. Inside one JVM the
 * same rule holds between stores. Reading ({@link #survey}, {@link #load}) takes no lock, and a copy
 * read earlier is never written over a newer file: such a write is refused as {@link Stale}.
 */
public final class LedgerStore implements AutoCloseable {

    /** The shape {@link #newLabId} makes: "lab-" and 8 lower-case hex digits. */
    private static final Pattern LAB_ID = Pattern.compile("lab-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PID = Long.toString(ProcessHandle.current().pid());
    // the byte range locked, past the pid text: Windows refuses reads of a locked range, and the pid must stay readable
    private static final long LOCKED_AT = 1L << 30;
    private static final Duration POLL = Duration.ofMillis(25);

    /** This JVM's holds, by lock file: the OS lock is per process, so one channel per file for all stores. */
    private static final Map<Path, Hold> HOLDS = new ConcurrentHashMap<>();

    private record Hold(LedgerStore owner, FileChannel channel, FileLock lock) { }

    /** Writes a ledger's bytes to a new temporary file, forced to disk (tests swap in a full disk). */
    public interface Disk {
        void write(Path tmp, byte[] bytes) throws IOException;
    }

    private static final Disk REAL_DISK = (tmp, bytes) -> {
        boolean posix = DataFolder.posix(tmp.getParent());
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = posix ? FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(DataFolder.OWNER_ONLY_FILE))
                : FileChannel.open(tmp, options)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        if (posix) {
            // a temp file left by an older RoleLab (0644) keeps its mode when reopened: set it
            Files.setPosixFilePermissions(tmp, DataFolder.OWNER_ONLY_FILE);
        }
    };

    private final Path data;
    private final Path dir;
    private final Map<String, Error> abandoned = new ConcurrentHashMap<>();
    private volatile Consumer<Ledger.Snapshot> beforeWrite = s -> { };
    private volatile Disk disk = REAL_DISK;
    private volatile Duration lockWait = Duration.ofSeconds(3);

    public LedgerStore(Path dataFolder) {
        this.data = dataFolder;
        this.dir = dataFolder.resolve("labs");
    }

    public Path folder() {
        return dir;
    }

    /** Where RoleLab's private key files live: the only place a ledger's file paths may point. */
    public Path keysFolder() {
        return data.resolve("keys");
    }

    /** Called before every write (tests use it to stop the world between two writes, as a crash would). */
    public void beforeWrite(Consumer<Ledger.Snapshot> hook) {
        this.beforeWrite = hook;
    }

    /** Tests put a full or read-only disk here. */
    public void disk(Disk value) {
        this.disk = value;
    }

    /** How long a write or {@link #claim} waits for another owner to let go of a lab (default 3 s). */
    public LedgerStore lockWait(Duration value) {
        this.lockWait = value;
        return this;
    }

    public static String newLabId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "lab-" + HexFormat.of().formatHex(b);
    }

    public static boolean isLabId(String value) {
        return value != null && LAB_ID.matcher(value).matches();
    }

    /** Refuses anything but a lab id as RoleLab makes them: an id becomes a file name, so no "../", no "/". */
    public static String requireLabId(String value) {
        if (!isLabId(value)) {
            throw new NotALabId(value);
        }
        return value;
    }

    // ---- writing --------------------------------------------------------------------------------

    /** A new lab, its ledger written (and owned by this store) before anything else exists. */
    public Ledger create(LabSpec spec, String profile, String endpointUrl, boolean practice) {
        prepareFolders(null);
        for (int attempt = 0; ; attempt++) {
            String id = newLabId();
            if (Files.exists(ledgerFile(id), LinkOption.NOFOLLOW_LINKS) || tryAcquire(id) != null) {
                if (attempt < 20) {
                    continue; // 4 random bytes: a clash is rare, and never resolved by sharing
                }
                throw new IllegalStateException("no free lab id after 20 tries in " + dir);
            }
            Ledger.Context ctx = new Ledger.Context(id, spec.region(), profile, endpointUrl, practice, Instant.now());
            Ledger ledger = new Ledger(this, new Ledger.Snapshot(ctx, spec, null, Ledger.Status.PROVISIONING, List.of()), null);
            try {
                write(ledger);
            } catch (Unwritable e) {
                release(id);
                // the first write: nothing exists yet, so the message must not send anyone to `down`
                throw new Unwritable("write a new ledger in", dir, null, (IOException) e.getCause());
            }
            return ledger;
        }
    }

    /**
     * Before anything is created: the data folder and labs/ exist (0700) and take a small file, forced
     * to disk and removed. Throws {@link Unwritable} worded with "Nothing was created".
     */
    public void checkWritable() {
        checkOwnFolders();
        prepareFolders(null);
        Path probe = dir.resolve(".write-check-" + PID + ".tmp");
        try {
            disk.write(probe, "rolelab\n".getBytes(StandardCharsets.US_ASCII));
            Files.deleteIfExists(probe);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // the failure that matters is the one reported
            }
            throw new Unwritable("write in", dir, null, e);
        }
    }

    /**
     * Before anything is created, and without creating anything: {@code labs/} and {@code keys/} are folders RoleLab may
     * use, not links or files (which would otherwise be refused only once the lab's resources exist). Throws {@link UnusableFolder}.
     */
    public void checkOwnFolders() {
        for (Path own : List.of(dir, keysFolder())) {
            DataFolder.ownFolderProblem(own).ifPresent(why -> {
                throw new UnusableFolder(own, why);
            });
        }
    }

    /**
     * A ledger rebuilt from what {@code sweep} found tagged in the account. An unreadable ledger already
     * at that place is kept, renamed {@code <lab id>.json.unreadable-<time>}, not written over.
     */
    public Ledger recovered(Ledger.Context ctx, LabSpec spec, List<LedgerEntry> entries) {
        String id = requireLabId(ctx.labId());
        prepareFolders(id);
        acquire(id, lockWait);
        Path file = ledgerFile(id);
        Path aside = null;
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Read r = read(file);
            if (r.problem() != null) {
                aside = dir.resolve(id + ".json.unreadable-" + Instant.now().toEpochMilli());
                try {
                    Files.move(file, aside, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new Unwritable("move aside the unreadable ledger", file, id, e);
                }
            }
        }
        Ledger ledger = new Ledger(this, new Ledger.Snapshot(ctx, spec, null, Ledger.Status.FAILED, entries), stampOf(file));
        if (aside != null) {
            ledger.warn("the unreadable ledger " + DataFolder.printable(file) + " is kept as " + DataFolder.printable(aside)
                    + ", unchanged; a new ledger in its place lists what sweep removes");
        }
        write(ledger);
        return ledger;
    }

    synchronized void write(Ledger ledger) {
        String id = ledger.labId();
        Error fatal = abandoned.get(id);
        if (fatal != null) {
            throw fatal; // after a fatal error this process writes the lab no more, as if it had died
        }
        acquire(id, lockWait);
        Path file = ledgerFile(id);
        byte[] onDisk = stampOf(file);
        if (!Arrays.equals(onDisk, ledger.stamp())) {
            throw new Stale(id, file);
        }
        Ledger.Snapshot snapshot = ledger.snapshot();
        try {
            beforeWrite.accept(snapshot);
        } catch (Error e) {
            // the process is going down: let go of the lab as a dying process does, and write nothing more
            abandoned.put(id, e);
            release(id);
            throw e;
        }
        Path tmp = dir.resolve(id + ".json.tmp");
        byte[] bytes = Json.pretty(snapshot).getBytes(StandardCharsets.UTF_8);
        try {
            disk.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temp file is never read: a leftover is harmless, and the failure that matters is reported below
            }
            throw new Unwritable("write the ledger", file, id, e);
        }
        ledger.stamp(bytes);
        syncDirectory();
    }

    private byte[] stampOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            // a folder or an unreadable file in the ledger's place: never matches a copy, so never written over
            return new byte[] {0};
        }
    }

    private void prepareFolders(String labId) {
        try {
            DataFolder.createOwnerOnly(data, false);
        } catch (IOException e) {
            throw new Unwritable("use the data folder", data, labId, e);
        }
        try {
            DataFolder.createOwnerOnly(dir, true);
        } catch (IOException e) {
            throw new Unwritable("use the labs folder", dir, labId, e);
        }
    }

    private void syncDirectory() {
        // makes the rename itself durable; not possible on every platform, and then the rename is still atomic
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel
        }
    }

    // ---- owning ---------------------------------------------------------------------------------

    /**
     * Takes a lab for this process (waiting up to the lock wait for another owner to finish), then reads
     * its ledger as it is now. For {@code down}: nothing else writes the lab until this store closes.
     *
     * @throws InUse      if another process (or another store in this one) still holds it
     * @throws Unreadable if its ledger cannot be read
     */
    public Optional<Ledger> claim(String labId) {
        return claim(labId, lockWait);
    }

    public Optional<Ledger> claim(String labId, Duration wait) {
        requireLabId(labId);
        if (!Files.exists(ledgerFile(labId), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        acquire(labId, wait);
        return load(labId);
    }

    /** Who holds {@code labId}, if not this store: "process 1234", or empty if nobody (status and listings). */
    public Optional<String> holder(String labId) {
        requireLabId(labId);
        Hold h = HOLDS.get(lockFile(labId));
        if (h != null) {
            return h.owner() == this ? Optional.empty() : Optional.of("another run in this process (pid " + PID + ")");
        }
        if (!Files.exists(lockFile(labId))) {
            return Optional.empty();
        }
        String who;
        try {
            who = tryAcquire(labId);
        } catch (Unwritable e) {
            return Optional.empty(); // a read-only data folder: nobody can be writing it either
        }
        if (who == null) {
            release(labId);
        }
        return Optional.ofNullable(who);
    }

    /** Lets go of one lab (its ledger stays as it is). */
    public void release(String labId) {
        Path key = lockFile(labId);
        synchronized (HOLDS) {
            Hold h = HOLDS.get(key);
            if (h == null || h.owner() != this) {
                return;
            }
            HOLDS.remove(key);
            try {
                h.lock().release();
                h.channel().close();
            } catch (IOException e) {
                // closing the channel is what releases the OS lock; if even that fails, process exit does
            }
        }
    }

    /** Lets go of every lab this store holds. */
    @Override
    public void close() {
        List<Path> mine = HOLDS.entrySet().stream().filter(e -> e.getValue().owner() == this).map(Map.Entry::getKey).toList();
        for (Path p : mine) {
            String name = p.getFileName().toString();
            release(name.substring(0, name.length() - ".lock".length()));
        }
    }

    private void acquire(String labId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String holder = tryAcquire(labId);
            if (holder == null) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new InUse(labId, holder);
            }
            // a local file lock, not AWS: a short poll until the other owner lets go or the wait is over
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Takes the lab's lock if free; returns null when this store holds it, else who does. */
    private String tryAcquire(String labId) {
        Path key = lockFile(labId);
        synchronized (HOLDS) {
            Hold h = HOLDS.get(key);
            if (h != null) {
                return h.owner() == this ? null : "another run in this process (pid " + PID + ")";
            }
            prepareFolders(labId);
            FileChannel ch;
            try {
                Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
                ch = DataFolder.posix(dir) ? FileChannel.open(key, options, PosixFilePermissions.asFileAttribute(DataFolder.OWNER_ONLY_FILE))
                        : FileChannel.open(key, options);
            } catch (IOException e) {
                throw new Unwritable("open the lock file", key, labId, e);
            }
            try {
                FileLock lock;
                try {
                    lock = ch.tryLock(LOCKED_AT, 1, false);
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock == null) {
                    String pid = readPid(ch);
                    ch.close();
                    return pid.isEmpty() ? "another RoleLab process" : "RoleLab process " + pid;
                }
                ch.truncate(0);
                ByteBuffer pid = ByteBuffer.wrap((PID + "\n").getBytes(StandardCharsets.US_ASCII));
                while (pid.hasRemaining()) {
                    ch.write(pid, pid.position());
                }
                ch.force(false);
                HOLDS.put(key, new Hold(this, ch, lock));
                return null;
            } catch (IOException e) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the failure below is the one to report
                }
                throw new Unwritable("lock", key, labId, e);
            }
        }
    }

    private static String readPid(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return s.matches("\\d{1,10}") ? s : "";
    }

    private Path lockFile(String labId) {
        return dir.resolve(labId + ".lock").toAbsolutePath().normalize();
    }

    private Path ledgerFile(String labId) {
        return dir.resolve(labId + ".json");
    }

    // ---- reading --------------------------------------------------------------------------------

    /** What the labs folder holds: the ledgers that could be read, newest first, and those that could not. */
    public record Survey(List<Ledger> labs, List<Unreadable> unreadable) {
        public List<Ledger> open() {
            return labs.stream().filter(LedgerStore::isOpen).toList();
        }
    }

    /** Reads one lab's ledger, without taking it: writing through the copy takes it then. */
    public Optional<Ledger> load(String labId) {
        Path file = ledgerFile(requireLabId(labId));
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Read r = read(file);
        if (r.problem() != null) {
            throw r.problem();
        }
        return Optional.of(r.ledger());
    }

    /** Every ledger here, and every file in a ledger's place that is not one (reported, kept, never fatal). */
    public Survey survey() {
        List<Ledger> labs = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Survey(labs, unreadable);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "lab-*.json")) {
            for (Path f : files) {
                Read r = read(f);
                if (r.problem() != null) {
                    unreadable.add(r.problem());
                } else {
                    labs.add(r.ledger());
                }
            }
        } catch (IOException e) {
            unreadable.add(new Unreadable(dir, "the labs folder cannot be listed: " + DataFolder.why(e)));
        }
        labs.sort(Comparator.comparing((Ledger l) -> l.context().created()).reversed());
        unreadable.sort(Comparator.comparing(u -> u.file().toString()));
        return new Survey(labs, unreadable);
    }

    /** Every lab on this computer whose ledger can be read, newest first ({@link #survey} also says which cannot). */
    public List<Ledger> all() {
        return survey().labs();
    }

    /** Labs with something still (possibly) in the account. */
    public List<Ledger> open() {
        return survey().open();
    }

    /** Whether a lab may still have something in the account (or is part-way through a run). */
    public static boolean isOpen(Ledger l) {
        return !l.live().isEmpty() || l.status() == Ledger.Status.PROVISIONING || l.status() == Ledger.Status.TEARING_DOWN;
    }

    private record Read(Ledger ledger, Unreadable problem) { }

    private Read read(Path file) {
        String name = file.getFileName().toString();
        String id = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return bad(file, "it is a folder, not a file");
        }
        if (Files.isSymbolicLink(file)) {
            return bad(file, "it is a symbolic link; RoleLab writes its ledgers as plain files");
        }
        if (!isLabId(id)) {
            return bad(file, "its name is not a lab id (lab- and 8 hex digits)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            return bad(file, "RoleLab may not read it (permission denied)");
        } catch (IOException e) {
            return bad(file, "it cannot be read: " + DataFolder.why(e));
        }
        if (bytes.length == 0) {
            return bad(file, "it is empty (0 bytes)");
        }
        for (byte b : bytes) {
            if (b == 0) {
                return bad(file, "it holds NUL bytes (a crash or a disk fault can leave a file zero-filled)");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.equals("null")) {
            return bad(file, "it holds `null`, not a ledger");
        }
        Ledger.Snapshot s;
        try {
            s = Json.MAPPER.readValue(bytes, Ledger.Snapshot.class);
        } catch (JsonProcessingException e) {
            if (e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input")) {
                return bad(file, "it ends part-way through (cut short after " + bytes.length + " bytes)");
            }
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            boolean json = e instanceof com.fasterxml.jackson.databind.JsonMappingException;
            return bad(file, (json ? "it is JSON but not a ledger" : "it is not JSON") + where);
        } catch (IOException e) {
            return bad(file, "it cannot be read: " + DataFolder.why(e));
        }
        if (s == null || s.context() == null || s.context().labId() == null || s.status() == null || s.entries() == null
                || s.context().created() == null || s.spec() == null) {
            return bad(file, "it lacks what every ledger has (its lab, status, spec or resource list)");
        }
        if (!LabRules.isRegionId(s.context().region())) {
            // the region becomes part of every endpoint's host name: an edited one could send the signed requests anywhere
            return bad(file, "its region " + LabRules.shown(s.context().region()) + " is not an AWS region id (like us-east-1)");
        }
        if (!s.context().labId().equals(id)) {
            return bad(file, "it says it is the ledger of " + DataFolder.printable(s.context().labId()) + ", not of " + id);
        }
        for (LedgerEntry e : s.entries()) {
            if (e == null || e.kind() == null || e.state() == null || e.name() == null) {
                return bad(file, "a resource in it lacks its kind, state or name");
            }
        }
        Ledger ledger = new Ledger(this, s, bytes);
        ledger.get(ResourceKind.LOCAL_KEY_FILE).filter(LedgerEntry::live).ifPresent(e -> {
            String refusal = ownKeyFile(id, e);
            if (refusal != null) {
                ledger.disown(ResourceKind.LOCAL_KEY_FILE, refusal);
            }
        });
        return new Read(ledger, null);
    }

    private static Read bad(Path file, String problem) {
        return new Read(null, new Unreadable(file, problem));
    }

    /**
     * Why a key for {@code labId} in the keys folder is left alone because the folder is a symbolic link
     * ({@link #generatedKeyFile} then finds nothing); empty when there is no such key or the folder is RoleLab's.
     */
    public java.util.Optional<String> keyBehindALinkedFolder(String labId) {
        requireLabId(labId);
        if (!Files.isSymbolicLink(keysFolder())) {
            return java.util.Optional.empty();
        }
        for (String name : List.of(labId + "_ed25519", labId + ".pem")) {
            if (Files.exists(keysFolder().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                return java.util.Optional.of("the keys folder " + DataFolder.printable(keysFolder()) + " is a symbolic link, not the folder RoleLab made: "
                        + name + " in it is left alone (delete it by hand if it is the lab's key)");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The private key file RoleLab generated for {@code labId} if it is still here: {@code keys/<lab id>_ed25519} or
     * {@code keys/<lab id>.pem}, a plain file in a keys folder that is not a link, passing the check a ledger's own key
     * entry passes. For {@code sweep}, whose lab has no readable ledger to name it: nothing else in the folder is ever named.
     */
    public java.util.Optional<Path> generatedKeyFile(String labId) {
        requireLabId(labId);
        if (Files.isSymbolicLink(keysFolder()) || !Files.isDirectory(keysFolder(), LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        for (String name : List.of(labId + "_ed25519", labId + ".pem")) {
            Path file = keysFolder().resolve(name).toAbsolutePath().normalize();
            LedgerEntry probe = new LedgerEntry(ResourceKind.LOCAL_KEY_FILE, file.toString(), file.toString(), LedgerEntry.State.CREATED, Instant.now());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && ownKeyFile(labId, probe) == null) {
                return java.util.Optional.of(file);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Null if the key file the entry names is one RoleLab made for this lab, else why not. Only
     * {@code keys/<lab id>_ed25519} or {@code keys/<lab id>.pem}, a plain file (not a link), in the keys
     * folder once symbolic links are resolved: an edited ledger cannot make {@code down} delete anything else.
     */
    private String ownKeyFile(String labId, LedgerEntry e) {
        Path keys = keysFolder().toAbsolutePath().normalize();
        String why = "the ledger lists the private key file " + DataFolder.printable(e.name()) + ", which is not a key RoleLab made for "
                + labId + " in " + keys + "; it is left alone";
        Path file;
        try {
            file = Path.of(e.name()).toAbsolutePath().normalize();
        } catch (RuntimeException bad) {
            return why;
        }
        if (e.id() != null && !e.id().equals(e.name())) {
            return why;
        }
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!file.startsWith(keys) || !keys.equals(file.getParent()) || !(name.equals(labId + "_ed25519") || name.equals(labId + ".pem"))) {
            return why;
        }
        if (Files.isSymbolicLink(file) || (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
            return why;
        }
        if (Files.exists(keys)) {
            try {
                Path realKeys = keys.toRealPath();
                Path realParent = file.getParent().toRealPath();
                if (!realParent.equals(realKeys) || !realKeys.startsWith(data.toAbsolutePath().normalize().toRealPath())) {
                    return why;
                }
            } catch (IOException io) {
                return why;
            }
        }
        return null;
    }

    // ---- what can go wrong, in words ------------------------------------------------------------

    /** A refusal worded for a person (what, why, what to do): safe to show as it is. */
    public abstract static class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Something that is not a lab id, where one is needed. */
    public static final class NotALabId extends Refused {
        private static final long serialVersionUID = 1L;

        public NotALabId(String value) {
            super("'" + DataFolder.printable(value) + "' is not a lab id: a lab id is lab- and 8 hex digits, e.g. lab-1a2b3c4d"
                    + " (`rolelab status` lists them)", null);
        }
    }

    /** Another process (or run) holds the lab. */
    public static final class InUse extends Refused {
        private static final long serialVersionUID = 1L;
        private final String labId;
        private final String holder;

        InUse(String labId, String holder) {
            super("lab " + labId + " is in use by " + holder + ": one RoleLab run at a time may change a lab. "
                    + "Wait until that run ends (or stop it), then try again.", null);
            this.labId = labId;
            this.holder = holder;
        }

        public String labId() {
            return labId;
        }

        /** "RoleLab process 1234", as far as it is known. */
        public String holder() {
            return holder;
        }
    }

    /** The copy being written is older than the file: another run wrote the lab since it was read. */
    public static final class Stale extends Refused {
        private static final long serialVersionUID = 1L;

        Stale(String labId, Path file) {
            super("lab " + labId + "'s ledger (" + file + ") was changed by another RoleLab run since this one read it; "
                    + "nothing was written over it. Look at it again (`rolelab status`) and retry.", null);
        }
    }

    /** The data folder, or a ledger in it, cannot be written. */
    public static final class Unwritable extends Refused {
        private static final long serialVersionUID = 1L;
        private final String labId;

        public Unwritable(String what, Path path, String labId, IOException cause) {
            super(message(what, path, labId, cause), cause);
            this.labId = labId;
        }

        /** The lab whose ledger could not be written, or null if it failed before a lab existed. */
        public String labId() {
            return labId;
        }

        private static String message(String what, Path path, String labId, IOException cause) {
            String head = "cannot " + what + " " + DataFolder.printable(path) + ": " + DataFolder.why(cause) + ". ";
            if (labId == null) {
                return head + "Nothing was created. Free some space or fix the folder, or set ROLELAB_HOME to a folder you can write.";
            }
            return head + "RoleLab creates nothing more for " + labId + " (a failed `up` rolls back what it made); once this is fixed, "
                    + "run `rolelab down --lab " + labId + "` to remove anything that is left.";
        }
    }

    /** RoleLab's own labs/ or keys/ folder is a link or a file: refused before anything is created. */
    public static final class UnusableFolder extends Refused {
        private static final long serialVersionUID = 1L;

        UnusableFolder(Path folder, String why) {
            super("cannot use the " + DataFolder.printable(folder.getFileName()) + " folder: " + DataFolder.printable(why) + ". Nothing was created.", null);
        }
    }

    /** A file in a ledger's place that is not a readable ledger. It is kept as it is. */
    public static final class Unreadable extends Refused {
        private static final long serialVersionUID = 1L;
        private final Path file;
        private final String problem;

        public Unreadable(Path file, String problem) {
            super("the ledger " + DataFolder.printable(file) + " cannot be read: " + problem + ". It is kept as it is (RoleLab changes "
                    + "nothing in it); `rolelab sweep` finds that lab's resources by their rolelab:lab tag.", null);
            this.file = file;
            this.problem = problem;
        }

        public Path file() {
            return file;
        }

        public String problem() {
            return problem;
        }
    }
}
