package dev.rolelab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The ledgers of all labs: one JSON file each under {@code <data folder>/labs}, replaced atomically. */
public final class LedgerStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private volatile Consumer<Ledger.Snapshot> beforeWrite = s -> { };

    public LedgerStore(Path dataFolder) {
        this.dir = dataFolder.resolve("labs");
    }

    public Path folder() {
        return dir;
    }

    /** Called before every write (tests use it to stop the world between two writes, as a crash would). */
    public void beforeWrite(Consumer<Ledger.Snapshot> hook) {
        this.beforeWrite = hook;
    }

    public static String newLabId() {
        byte[] b = new byte[4];
        RANDOM.nextBytes(b);
        return "lab-" + HexFormat.of().formatHex(b);
    }

    public Ledger create(LabSpec spec, String profile, String endpointUrl, boolean practice) {
        Ledger.Context ctx = new Ledger.Context(newLabId(), spec.region(), profile, endpointUrl, practice, Instant.now());
        Ledger ledger = new Ledger(this, new Ledger.Snapshot(ctx, spec, null, Ledger.Status.PROVISIONING, List.of()));
        write(ledger.snapshot());
        return ledger;
    }

    /** A ledger rebuilt from what {@code sweep} found tagged in the account. */
    public Ledger recovered(Ledger.Context ctx, LabSpec spec, List<LedgerEntry> entries) {
        Ledger ledger = new Ledger(this, new Ledger.Snapshot(ctx, spec, null, Ledger.Status.FAILED, entries));
        write(ledger.snapshot());
        return ledger;
    }

    public Optional<Ledger> load(String labId) {
        Path file = dir.resolve(labId + ".json");
        try {
            return Optional.of(new Ledger(this, Json.MAPPER.readValue(Files.readAllBytes(file), Ledger.Snapshot.class)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every lab on this computer, newest first. */
    public List<Ledger> all() {
        List<Ledger> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "lab-*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                load(name.substring(0, name.length() - ".json".length())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Ledger l) -> l.context().created()).reversed());
        return out;
    }

    /** Labs with something still (possibly) in the account, or a teardown that stopped before its last write. */
    public List<Ledger> open() {
        return all().stream().filter(l -> !l.live().isEmpty() || l.status() == Ledger.Status.PROVISIONING
                || l.status() == Ledger.Status.TEARING_DOWN).toList();
    }

    synchronized void write(Ledger.Snapshot snapshot) {
        beforeWrite.accept(snapshot);
        Path file = dir.resolve(snapshot.context().labId() + ".json");
        Path tmp = dir.resolve(snapshot.context().labId() + ".json.tmp");
        try {
            Files.createDirectories(dir);
            byte[] bytes = Json.pretty(snapshot).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger " + file + ": " + e.getMessage(), e);
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
}
