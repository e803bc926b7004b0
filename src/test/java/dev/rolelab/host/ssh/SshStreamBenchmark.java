package dev.rolelab.host.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rolelab.host.Host;
import dev.rolelab.host.HostKeyTrust;
import dev.rolelab.host.Hosts;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams N lines of 100 bytes from MINA SSHD through SshHost into a consumer that keeps nothing.
 * Prints MB/s and the heap: if the heap does not grow with the output, 2 MB and 20 MB peak alike.
 * Run with {@code mvn -B -P bench verify} (the bench profile caps the heap at 256 MB, so growth would show as an error).
 */
class SshStreamBenchmark {

    @TempDir
    Path tmp;

    record Sample(double seconds, long bytes, long peakHeap) { }

    private Sample stream(Host host, int lines) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(mem.getHeapMemoryUsage().getUsed());
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        AtomicLong bytes = new AtomicLong();
        long t0 = System.nanoTime();
        int status = host.run("yes \"$(printf '%099d' 0)\" | head -n " + lines, null, (s, l) -> bytes.addAndGet(l.length() + 1));
        double secs = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        assertEquals(0, status);
        assertEquals(lines * 100L, bytes.get());
        return new Sample(secs, bytes.get(), peak.get());
    }

    @Test
    void twoHundredThousandLines() throws Exception {
        try (LocalSshd sshd = new LocalSshd(tmp);
             Host host = new SshHosts().open(new Hosts.Target("127.0.0.1", sshd.port(), "ec2-user", sshd.clientKey,
                     new HostKeyTrust(Set.of(sshd.hostFingerprint), f -> false)))) {
            stream(host, 50_000); // warm-up
            Sample small = null;
            Sample big = null;
            double[] rates = new double[3];
            for (int i = 0; i < 3; i++) {
                small = stream(host, 20_000);
                big = stream(host, 200_000);
                rates[i] = big.bytes() / 1e6 / big.seconds();
            }
            java.util.Arrays.sort(rates);
            Sample huge = stream(host, 2_000_000);
            long max = Runtime.getRuntime().maxMemory();
            System.out.printf("%nSSH streaming benchmark (JSch client and MINA SSHD server in one JVM on loopback, 100-byte lines)%n");
            System.out.printf("  200,000 lines / %.1f MB: median %.1f MB/s over 3 runs (%.1f .. %.1f)%n", big.bytes() / 1e6, rates[1], rates[0], rates[2]);
            System.out.printf("  peak heap used while streaming  2 MB: %5.1f MB%n", small.peakHeap() / 1e6);
            System.out.printf("  peak heap used while streaming 20 MB: %5.1f MB  (heap cap %.0f MB, shared with the SSH server)%n",
                    big.peakHeap() / 1e6, max / 1e6);
            System.out.printf("  peak heap used while streaming 200 MB: %5.1f MB  (%.1f MB/s)%n%n", huge.peakHeap() / 1e6, huge.bytes() / 1e6 / huge.seconds());
        }
    }
}
