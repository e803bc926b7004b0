package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ledgers that cannot be read, ids that are not ids, folder modes, and a disk that refuses writes. */
class LedgerSafetyTest {

    @TempDir
    Path tmp;

    private static LabSpec spec() {
        return LabSpec.builder().sshCidr("203.0.113.7/32").build();
    }

    /** One good lab and, beside it, a file in a ledger's place in each broken shape. */
    @ParameterizedTest
    @ValueSource(strings = {"truncated", "garbage", "empty", "nul", "null", "directory", "emptyObject", "otherLab", "wrongTypes"})
    void anUnreadableLedgerIsReportedAndKeptAndTheOthersGoOn(String shape) throws Exception {
        LedgerStore store = new LedgerStore(tmp);
        Ledger good = store.create(spec(), null, null, true);
        good.intend(ResourceKind.ROLE, "containerise");
        String bad = "lab-0badf00d";
        Path file = store.folder().resolve(bad + ".json");
        String whole = Files.readString(store.folder().resolve(good.labId() + ".json")).replace(good.labId(), bad);
        String expected = switch (shape) {
            case "truncated" -> {
                Files.writeString(file, whole.substring(0, whole.length() / 2));
                yield "ends part-way through";
            }
            case "garbage" -> {
                Files.writeString(file, "<<<this is not json at all>>>");
                yield "it is not JSON";
            }
            case "empty" -> {
                Files.write(file, new byte[0]);
                yield "it is empty";
            }
            case "nul" -> {
                Files.write(file, new byte[4096]);
                yield "NUL bytes";
            }
            case "null" -> {
                Files.writeString(file, "null\n");
                yield "holds `null`";
            }
            case "directory" -> {
                Files.createDirectories(file.resolve("inside"));
                yield "it is a folder";
            }
            case "emptyObject" -> {
                Files.writeString(file, "{}");
                yield "lacks what every ledger has";
            }
            case "otherLab" -> {
                Files.writeString(file, whole.replace(bad, "lab-11112222"));
                yield "says it is the ledger of lab-11112222";
            }
            default -> {
                Files.writeString(file, whole.replace("\"status\": \"PROVISIONING\"", "\"status\": [42]"));
                yield "JSON but not a ledger";
            }
        };
        byte[] before = Files.isDirectory(file) ? null : Files.readAllBytes(file);

        LedgerStore fresh = new LedgerStore(tmp);
        LedgerStore.Survey survey = fresh.survey();
        assertEquals(List.of(good.labId()), survey.labs().stream().map(Ledger::labId).toList(), "the good lab is still listed");
        assertEquals(List.of(good.labId()), fresh.open().stream().map(Ledger::labId).toList());
        assertEquals(1, survey.unreadable().size());
        LedgerStore.Unreadable u = survey.unreadable().get(0);
        assertEquals(file, u.file());
        assertTrue(u.getMessage().contains(expected), u.getMessage());
        assertTrue(u.getMessage().contains(file.toString()) && u.getMessage().contains("kept as it is"), u.getMessage());
        assertFalse(u.getMessage().contains("Exception") || u.getMessage().contains("dev.rolelab"), u.getMessage());

        LedgerStore.Unreadable direct = assertThrows(LedgerStore.Unreadable.class, () -> fresh.load(bad));
        assertTrue(direct.getMessage().contains(expected));
        if (before != null) {
            assertArrayEquals(before, Files.readAllBytes(file), "the unreadable ledger is kept byte for byte");
        }
    }

    @Test
    void onlyLabIdsAsRoleLabMakesThemAreAccepted() {
        LedgerStore store = new LedgerStore(tmp);
        for (String bad : new String[] {"../../somewhere", "lab-../../x", "/etc/passwd", "lab-1234", "LAB-1A2B3C4D", "lab-1a2b3c4d/../x",
                "lab-1a2b3c4d\n", "", "lab-1a2b3c4g"}) {
            assertThrows(LedgerStore.NotALabId.class, () -> store.load(bad), bad);
            assertThrows(LedgerStore.NotALabId.class, () -> store.claim(bad), bad);
        }
        for (int i = 0; i < 200; i++) {
            assertTrue(LedgerStore.isLabId(LedgerStore.newLabId()));
        }
        assertTrue(store.load("lab-1a2b3c4d").isEmpty());
    }

    @Test
    void aLedgerFromOutsideTheLabsFolderIsNeverRead() throws Exception {
        LedgerStore elsewhere = new LedgerStore(tmp.resolve("other"));
        Ledger theirs = elsewhere.create(spec(), null, null, true);
        elsewhere.close();
        Files.copy(tmp.resolve("other/labs").resolve(theirs.labId() + ".json"), tmp.resolve("somewhere.json"));
        LedgerStore store = new LedgerStore(tmp.resolve("home"));
        assertThrows(LedgerStore.NotALabId.class, () -> store.load("../../somewhere"));
    }

    @Test
    void foldersAreOwnerOnlyAndLedgersAndLocksReadableByTheirOwnerOnly() throws Exception {
        Path home = tmp.resolve("new-home");
        LedgerStore store = new LedgerStore(home);
        Ledger l = store.create(spec(), null, null, true);
        assertEquals("rwx------", mode(home));
        assertEquals("rwx------", mode(home.resolve("labs")));
        assertEquals("rw-------", mode(home.resolve("labs").resolve(l.labId() + ".json")));
        assertEquals("rw-------", mode(home.resolve("labs").resolve(l.labId() + ".lock")));
    }

    @Test
    void anOlderRoleLabsLooseLabsFolderAndLedgerAreTightened() throws Exception {
        Path home = tmp.resolve("old-home");
        LedgerStore older = new LedgerStore(home);
        Ledger l = older.create(spec(), null, null, true);
        older.close();
        Path ledger = home.resolve("labs").resolve(l.labId() + ".json");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(home.resolve("labs"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(ledger, PosixFilePermissions.fromString("rw-r--r--"));

        new LedgerStore(home).load(l.labId()).orElseThrow().status(Ledger.Status.FAILED);
        assertEquals("rwx------", mode(home.resolve("labs")), "labs/ is RoleLab's own: tightened");
        assertEquals("rw-------", mode(ledger), "a ledger is rewritten 0600");
        assertEquals("rwxr-xr-x", mode(home), "the data folder may be one the user chose: left as it is");
    }

    @Test
    void aFullDiskAtTheFirstWriteIsWordedAndNothingIsCreated() {
        LedgerStore store = new LedgerStore(tmp);
        store.disk((t, bytes) -> {
            throw new IOException("No space left on device");
        });
        LedgerStore.Unwritable e = assertThrows(LedgerStore.Unwritable.class, () -> store.create(spec(), null, null, true));
        assertTrue(e.getMessage().contains("the disk is full") && e.getMessage().contains("Nothing was created"), e.getMessage());
        assertEquals(null, e.labId());
        assertTrue(store.survey().labs().isEmpty());
    }

    @Test
    void aFullDiskMidRunKeepsTheCopyInMemoryExactAndSaysHowToFinish() {
        LedgerStore store = new LedgerStore(tmp);
        Ledger l = store.create(spec(), null, null, true);
        store.disk((t, bytes) -> {
            throw new FileSystemException(t.toString(), null, "Read-only file system");
        });
        LedgerStore.Unwritable e = assertThrows(LedgerStore.Unwritable.class, () -> l.intend(ResourceKind.ROLE, "containerise"));
        assertTrue(e.getMessage().contains("read-only") && e.getMessage().contains("rolelab down --lab " + l.labId()), e.getMessage());
        // a rollback's writes do not stop it: the copy in memory stays exact, the failure is kept to be told
        l.deleted(ResourceKind.ROLE);
        l.status(Ledger.Status.REMOVED);
        assertEquals(Ledger.Status.REMOVED, l.status());
        assertTrue(l.unsaved().orElseThrow().contains("read-only"));
        assertFalse(Files.exists(store.folder().resolve(l.labId() + ".json.tmp")), "no temp file is left behind");
        store.disk((t, bytes) -> Files.write(t, bytes));
        l.status(Ledger.Status.REMOVED);
        assertTrue(l.unsaved().isEmpty());
    }

    @Test
    void aDataFolderThatIsAFileIsWorded() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        LedgerStore.Unwritable e = assertThrows(LedgerStore.Unwritable.class, () -> new LedgerStore(file).create(spec(), null, null, true));
        assertTrue(e.getMessage().contains("a file is in the way") && e.getMessage().contains("Nothing was created"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void anImmutableDataFolderIsWorded() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("immutable"));
        assumeTrue(run("chattr", "+i", home.toString()) == 0, "chattr +i is not possible here");
        try {
            LedgerStore.Unwritable e = assertThrows(LedgerStore.Unwritable.class, () -> new LedgerStore(home).create(spec(), null, null, true));
            assertTrue(e.getMessage().contains("immutable") && e.getMessage().contains("Nothing was created"), e.getMessage());
        } finally {
            run("chattr", "-i", home.toString());
        }
    }

    @Test
    void checkWritableSaysBeforeAnythingIsCreatedThatTheDiskIsFull() {
        LedgerStore store = new LedgerStore(tmp);
        store.checkWritable();
        store.disk((t, bytes) -> {
            throw new IOException("No space left on device");
        });
        LedgerStore.Unwritable e = assertThrows(LedgerStore.Unwritable.class, store::checkWritable);
        assertTrue(e.getMessage().contains("the disk is full") && e.getMessage().contains("Nothing was created"), e.getMessage());
    }

    @Test
    void sweepsRecoveredLedgerKeepsAnUnreadableOneAside() throws Exception {
        LedgerStore store = new LedgerStore(tmp);
        Files.createDirectories(store.folder());
        Path broken = Files.writeString(store.folder().resolve("lab-0badf00d.json"), "{\"cut\": ");
        Ledger.Context ctx = new Ledger.Context("lab-0badf00d", "us-east-1", null, null, true, java.time.Instant.now());
        store.recovered(ctx, spec(), List.of());
        assertEquals(Ledger.Status.FAILED, new LedgerStore(tmp).load("lab-0badf00d").orElseThrow().status());
        try (var files = Files.list(store.folder())) {
            List<Path> aside = files.filter(p -> p.getFileName().toString().startsWith("lab-0badf00d.json.unreadable-")).toList();
            assertEquals(1, aside.size());
            assertEquals("{\"cut\": ", Files.readString(aside.get(0)));
        }
        assertTrue(Files.exists(broken));
        Ledger.Context evil = new Ledger.Context("../../evil", "us-east-1", null, null, true, java.time.Instant.now());
        assertThrows(LedgerStore.NotALabId.class, () -> store.recovered(evil, spec(), List.of()));
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static String text(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
