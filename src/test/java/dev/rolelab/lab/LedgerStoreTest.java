package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerStoreTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripsEveryField() {
        LedgerStore store = new LedgerStore(tmp);
        LabSpec spec = LabSpec.builder().sshCidr("203.0.113.7/32").instanceType("t4g.micro")
                .key(new KeyChoice(KeyChoice.Mode.EXISTING, "mine", Path.of("/home/me/.ssh/id_ed25519")))
                .dockerfile("FROM alpine\nRUN echo 'quotes \" and \\\\ survive'\n").build();
        Ledger l = store.create(spec, "sso-dev", "http://127.0.0.1:1", false);
        l.account("123456789012");
        l.intend(ResourceKind.ROLE, "containerise");
        l.created(ResourceKind.ROLE, "arn:aws:iam::123456789012:role/rolelab/containerise");
        l.intend(ResourceKind.INSTANCE, "ec2-ecr-test");

        Ledger back = new LedgerStore(tmp).load(l.labId()).orElseThrow();
        assertEquals(spec, back.spec());
        assertEquals(l.context(), back.context());
        assertEquals("123456789012", back.account().orElseThrow());
        assertEquals(LedgerEntry.State.CREATED, back.get(ResourceKind.ROLE).orElseThrow().state());
        assertEquals(LedgerEntry.State.CREATING, back.get(ResourceKind.INSTANCE).orElseThrow().state());
        assertEquals(List.of(l.labId()), new LedgerStore(tmp).open().stream().map(Ledger::labId).toList());
    }

    /** Writes ledgers as fast as it can until killed. */
    public static void main(String[] args) {
        LedgerStore store = new LedgerStore(Path.of(args[0]));
        Ledger l = store.create(LabSpec.builder().sshCidr("203.0.113.7/32").build(), null, null, true);
        System.out.println(l.labId());
        System.out.flush();
        for (long i = 0; ; i++) {
            l.intend(ResourceKind.values()[(int) (i % ResourceKind.values().length)], "name-" + i);
            l.created(ResourceKind.values()[(int) (i % ResourceKind.values().length)], "id-" + i);
        }
    }

    @Test
    void aKillMinus9AtAnyInstantLeavesAReadableLedger() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < 5; round++) {
            Path home = tmp.resolve("round-" + round);
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LedgerStoreTest.class.getName(), home.toString())
                    .redirectErrorStream(true).start();
            String labId = new String(p.getInputStream().readNBytes(12)).trim();
            Thread.sleep(150 + 70L * round);
            p.destroyForcibly(); // SIGKILL on Linux
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            Ledger l = new LedgerStore(home).load(labId).orElseThrow();
            assertTrue(l.entries().size() > 0, "round " + round);
            File[] files = home.resolve("labs").toFile().listFiles();
            assertTrue(files != null && files.length >= 1);
            assertTrue(Files.size(home.resolve("labs").resolve(labId + ".json")) > 0);
        }
    }
}
