package dev.rolelab.host.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostException;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.Hosts;
import dev.rolelab.host.Output;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostTest {

    @TempDir
    Path tmp;

    LocalSshd sshd;
    final SshHosts hosts = new SshHosts(Duration.ofMillis(10));

    @BeforeEach
    void start() throws Exception {
        sshd = new LocalSshd(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        sshd.close();
    }

    private Hosts.Target target(HostKeyTrust trust) {
        return new Hosts.Target("127.0.0.1", sshd.port(), "ec2-user", sshd.clientKey, trust);
    }

    private Host open() {
        return hosts.open(target(new HostKeyTrust(Set.of(sshd.hostFingerprint), f -> false)));
    }

    record Line(Output.Stream stream, String text, long atNanos) { }

    @Test
    void linesArriveWhileTheCommandRunsAndStderrStaysApart() {
        List<Line> lines = new CopyOnWriteArrayList<>();
        try (Host h = open()) {
            long t0 = System.nanoTime();
            int status = h.run("echo first; echo oops >&2; sleep 1; echo last; exit 3", null,
                    (s, l) -> lines.add(new Line(s, l, System.nanoTime())));
            long end = System.nanoTime();
            assertEquals(3, status);
            assertEquals(List.of("first", "last"), lines.stream().filter(l -> l.stream() == Output.Stream.STDOUT).map(Line::text).toList());
            assertEquals(List.of("oops"), lines.stream().filter(l -> l.stream() == Output.Stream.STDERR).map(Line::text).toList());
            long firstAt = lines.stream().filter(l -> l.text().equals("first")).findFirst().orElseThrow().atNanos();
            assertTrue(end - firstAt > TimeUnit.MILLISECONDS.toNanos(700), "the first line came only at the end");
            assertTrue(firstAt - t0 < TimeUnit.MILLISECONDS.toNanos(900));
        }
    }

    @Test
    void exitStatusesComeThrough() {
        try (Host h = open()) {
            assertEquals(0, h.run("true", null, Output.DISCARD));
            assertEquals(1, h.run("false", null, Output.DISCARD));
            assertEquals(127, h.run("no-such-program-here", null, Output.DISCARD));
        }
    }

    @Test
    void stdinReachesTheCommandAndUploadsSurviveByteForByte() throws Exception {
        String dockerfile = "FROM alpine:latest\nRUN echo \"it's $HOME\" `date` \\\n  && printf 'ü\\t€'\nCMD [\"sh\", \"-c\", \"echo hello\"]";
        try (Host h = open()) {
            h.upload("rolelab/Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8));
            List<String> got = new ArrayList<>();
            assertEquals(0, h.run("cat", "from stdin\n".getBytes(StandardCharsets.UTF_8), (s, l) -> got.add(l)));
            assertEquals(List.of("from stdin"), got);
        }
        assertEquals(dockerfile, Files.readString(sshd.home.resolve("rolelab/Dockerfile")));
    }

    @Test
    void twentyMegabytesStreamThroughAndLongLinesAreCutToBoundedPieces() {
        AtomicLong bytes = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        try (Host h = open()) {
            // 200,000 lines of 100 bytes, then one 1 MiB line with no newline at all
            int status = h.run("i=0; line=$(printf '%099d' 0); while [ $i -lt 200 ]; do j=0; while [ $j -lt 1000 ]; do echo \"$line\"; j=$((j+1)); done; i=$((i+1)); done;"
                    + " head -c 1048576 /dev/zero | tr '\\0' x", null, (s, l) -> {
                        bytes.addAndGet(l.length());
                        lines.incrementAndGet();
                        longest.accumulateAndGet(l.length(), Math::max);
                    });
            assertEquals(0, status);
        }
        assertEquals(200_000L * 99 + 1_048_576L, bytes.get());
        assertTrue(longest.get() <= LineSplitter.MAX_LINE, "a piece of " + longest.get() + " bytes");
        assertTrue(lines.get() >= 200_000 + 1_048_576 / LineSplitter.MAX_LINE);
    }

    @Test
    void cancelEndsARunningCommandPromptly() throws Exception {
        Host h = open();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> h.run("echo started; sleep 30; echo never", null, (s, l) -> started.countDown()));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        h.cancel();
        Throwable t = assertThrows(Exception.class, () -> run.get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(t instanceof HostException he && he.kind() == HostException.Kind.CANCELLED, String.valueOf(t));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void aDroppedConnectionIsReportedWithTheCommand() throws Exception {
        Host h = open();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> h.run("echo building; sleep 30", null, (s, l) -> started.countDown()));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        sshd.server.stop(true);
        Throwable t = assertThrows(Exception.class, () -> run.get(20, TimeUnit.SECONDS)).getCause();
        assertTrue(t instanceof HostException he && he.kind() == HostException.Kind.DISCONNECTED, String.valueOf(t));
        assertTrue(t.getMessage().contains("echo building; sleep 30") && t.getMessage().contains("run again"), t.getMessage());
    }

    @Test
    void aHostKeyOtherThanTheVouchedOneIsRefused() {
        HostException e = assertThrows(HostException.class,
                () -> hosts.open(target(new HostKeyTrust(Set.of("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), f -> true))));
        assertEquals(HostException.Kind.HOST_KEY_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(sshd.hostFingerprint) && e.getMessage().startsWith("WARNING"), e.getMessage());
    }

    @Test
    void withNoVouchedKeysTheUserIsAskedWithTheFingerprint() {
        AtomicReference<String> asked = new AtomicReference<>();
        try (Host h = hosts.open(target(new HostKeyTrust(Set.of(), f -> {
            asked.set(f);
            return true;
        })))) {
            assertEquals(0, h.run("true", null, Output.DISCARD));
        }
        assertEquals(sshd.hostFingerprint, asked.get());
        HostException refused = assertThrows(HostException.class, () -> hosts.open(target(new HostKeyTrust(Set.of(), f -> false))));
        assertEquals(HostException.Kind.HOST_KEY_UNTRUSTED, refused.kind());
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailure() throws Exception {
        Path other = tmp.resolve("other_ed25519");
        dev.rolelab.run.KeyFiles.generateEd25519(other, "someone else");
        HostException e = assertThrows(HostException.class, () -> hosts.open(new Hosts.Target("127.0.0.1", sshd.port(), "ec2-user", other,
                new HostKeyTrust(Set.of(sshd.hostFingerprint), f -> false))));
        assertEquals(HostException.Kind.AUTH, e.kind());
        assertFalse(e.getMessage().contains("PRIVATE KEY"));
    }

    @Test
    void readinessWaitsForTheBannerAndGivesUpAtTheDeadline() throws Exception {
        List<String> progress = new ArrayList<>();
        hosts.awaitSsh("127.0.0.1", sshd.port(), Duration.ofSeconds(5), progress::add, () -> false);
        assertEquals(List.of(), progress);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HostException e = assertThrows(HostException.class, () -> hosts.awaitSsh("127.0.0.1", closed, Duration.ofMillis(300), progress::add, () -> false));
        assertEquals(HostException.Kind.UNREACHABLE, e.kind());
        assertFalse(progress.isEmpty());
        assertTrue(progress.get(0).contains("waiting for SSH on 127.0.0.1:" + closed), progress.get(0));
    }
}
