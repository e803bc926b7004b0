package dev.rolelab.practice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.cloud.CloudException;
import dev.rolelab.lab.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulated account is one account across RoleLab processes: two of them creating the same names
 * meet AWS's clash, each name made once, and each sees what the other made.
 */
class PracticeAccountSharingTest {

    static final int NAMES = 40;

    @TempDir
    Path tmp;

    /** Creates roles r-0 … r-(n-1) tagged for lab {@code args[1]}; prints how many it made. */
    public static void main(String[] args) throws Exception {
        PracticeCloud cloud = new PracticeCloud(Path.of(args[0]), "us-east-1", PracticeCloud.Timing.INSTANT,
                PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine(); // the parent says go
        System.out.println("made " + createAll(cloud, args[1]));
    }

    static int createAll(PracticeCloud cloud, String lab) {
        int made = 0;
        for (int i = 0; i < NAMES; i++) {
            try {
                cloud.createRole("r-" + i, "{}", lab);
                made++;
            } catch (CloudException e) {
                if (!"EntityAlreadyExists".equals(e.code())) {
                    throw e;
                }
            }
        }
        return made;
    }

    private static PracticeCloud onFile(Path file) {
        return new PracticeCloud(file, "us-east-1", PracticeCloud.Timing.INSTANT, PracticeCloud.Consistency.OFF, AccountState.ACTIVE);
    }

    private void assertEachNameMadeOnce(Path file, int a, int b) throws Exception {
        assertEquals(NAMES, a + b, "each name made exactly once (" + a + " + " + b + ")");
        PracticeAccount account = Json.MAPPER.readValue(file.toFile(), PracticeAccount.class);
        assertEquals(NAMES, account.roles.size());
        long ofA = account.roles.values().stream().filter(r -> r.lab.equals("lab-aaaaaaaa")).count();
        assertEquals(a, ofA, "the file says who made what, as each process was told");
    }

    @Test
    void twoCloudsOnOneFileFromTwoThreadsAreOneAccount() throws Exception {
        Path file = tmp.resolve("practice/account.json");
        PracticeCloud first = onFile(file);
        PracticeCloud second = onFile(file);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> createAll(first, "lab-aaaaaaaa"));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> createAll(second, "lab-bbbbbbbb"));
        assertEachNameMadeOnce(file, a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        assertTrue(first.exists(dev.rolelab.lab.ResourceKind.ROLE, "r-0") && second.exists(dev.rolelab.lab.ResourceKind.ROLE, "r-0"));
        second.deleteRole("r-1");
        assertTrue(!first.exists(dev.rolelab.lab.ResourceKind.ROLE, "r-1"), "a delete in one is seen by the other");
    }

    @Test
    void twoProcessesOnOneFileAreOneAccount() throws Exception {
        Path file = tmp.resolve("practice/account.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PracticeAccountSharingTest.class.getName(),
                file.toString(), "lab-bbbbbbbb").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            PracticeCloud here = onFile(file);
            child.getOutputStream().write('\n');
            child.getOutputStream().flush();
            int mine = createAll(here, "lab-aaaaaaaa");
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("made "), String.valueOf(line));
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.exitValue());
            assertEachNameMadeOnce(file, mine, Integer.parseInt(line.substring(5)));
        } finally {
            child.destroyForcibly();
        }
    }

    /** The practice folder and account are RoleLab's own, like labs/ and keys/: 0700 and 0600, never 0755 / 0644. */
    @Test
    void thePracticeFolderIsOwnerOnlyAndItsFilesToo() throws Exception {
        Path file = tmp.resolve("practice/account.json");
        onFile(file).createRole("r-modes", "{}", "lab-0000000a");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file.getParent())));
        for (Path f : java.util.List.of(file, file.resolveSibling("account.json.lock"))) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(f)), f.toString());
        }
    }

    /** A practice account that cannot be saved is worded like a ledger that cannot (what, why, what to do), not a bare I/O error. */
    @Test
    void anAccountThatCannotBeSavedIsWorded() throws Exception {
        Path file = tmp.resolve("practice/account.json");
        java.nio.file.Files.createDirectories(file.resolveSibling("account.json.tmp").resolve("in-the-way"));
        dev.rolelab.lab.LedgerStore.Unwritable e = org.junit.jupiter.api.Assertions.assertThrows(dev.rolelab.lab.LedgerStore.Unwritable.class,
                () -> onFile(file).createRole("r-x", "{}", "lab-0000000a"));
        assertTrue(e.getMessage().contains("practice account") && e.getMessage().contains(file.getParent().toString()), e.getMessage());
    }
}
