package dev.rolelab.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.TerminalView;
import dev.rolelab.gui.util.EventPump;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizard's numbers: start-up of {@code java -jar target/rolelab.jar} under Xvfb (first window, wizard
 * interactive, peak RSS; median of 5), and the largest gap between frames while 20 MB of output streams
 * into the terminal view. Run with {@code mvn -B -P bench verify} after {@code mvn -B -DskipTests package}.
 */
@ExtendWith(ApplicationExtension.class)
class WizardBenchmark {

    @TempDir
    Path home;

    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void startUp() throws Exception {
        Path jar = Path.of("target", "rolelab.jar");
        boolean xvfb = Files.isExecutable(Path.of("/usr/bin/xvfb-run"));
        if (!Files.exists(jar) || !xvfb) {
            System.out.println("start-up benchmark skipped: needs target/rolelab.jar (mvn -DskipTests package) and xvfb-run");
            return;
        }
        List<long[]> runs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ProcessBuilder pb = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x900x24", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Drolelab.exitAfterFirstFrame=true", "-jar", jar.toString()).redirectErrorStream(true);
            pb.environment().put("ROLELAB_HOME", home.resolve("run" + i).toString());
            // xvfb-run starts its X server before the JVM: the clock starts when the JVM's command line is handed over
            long t0 = System.nanoTime();
            Process p = pb.start();
            long first = -1;
            long interactive = -1;
            long rss = -1;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    long at = (System.nanoTime() - t0) / 1_000_000;
                    if (line.contains("first frame shown")) {
                        first = at;
                    } else if (line.contains("wizard interactive")) {
                        interactive = at;
                    } else if (line.contains("peak RSS")) {
                        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                    }
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (i > 0) { // the first run warms the disk cache
                runs.add(new long[] {first, interactive, rss});
            }
        }
        long xvfbAlone = xvfbOverhead();
        System.out.printf("%nWizard start-up, java -jar target/rolelab.jar under xvfb-run (median of 5, after one warm-up run)%n");
        System.out.printf("  xvfb-run alone (its X server start, included below): %d ms%n", xvfbAlone);
        System.out.printf("  first window shown:  %d ms (%d ms without xvfb-run's own start)%n", median(runs, 0), median(runs, 0) - xvfbAlone);
        System.out.printf("  wizard interactive:  %d ms (%d ms without xvfb-run's own start)%n", median(runs, 1), median(runs, 1) - xvfbAlone);
        System.out.printf("  peak RSS:            %d MB%n%n", median(runs, 2));
    }

    private static long xvfbOverhead() throws Exception {
        long[] t = new long[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x900x24", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            t[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(t);
        return t[2];
    }

    /** The collector's stop-the-world pauses, as the JVM reports them: start (uptime, ms) and duration (ms). */
    static final class GcPauses implements AutoCloseable {
        private final List<long[]> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<javax.management.NotificationEmitter> emitters = new ArrayList<>();
        private final javax.management.NotificationListener listener = (n, h) -> {
            if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var info = com.sun.management.GarbageCollectionNotificationInfo.from((javax.management.openmbean.CompositeData) n.getUserData());
                if (!info.getGcName().contains("Concurrent")) { // G1's concurrent cycle does not stop the application
                    pauses.add(new long[] {info.getGcInfo().getStartTime(), info.getGcInfo().getDuration()});
                }
            }
        };

        static GcPauses listen() {
            GcPauses g = new GcPauses();
            for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (bean instanceof javax.management.NotificationEmitter e) {
                    e.addNotificationListener(g.listener, null, null);
                    g.emitters.add(e);
                }
            }
            return g;
        }

        List<long[]> pauses() {
            synchronized (pauses) {
                return new ArrayList<>(pauses);
            }
        }

        @Override
        public void close() throws javax.management.ListenerNotFoundException {
            for (var e : emitters) {
                e.removeNotificationListener(listener);
            }
        }
    }

    private static long median(List<long[]> runs, int i) {
        long[] v = runs.stream().mapToLong(r -> r[i]).sorted().toArray();
        return v[v.length / 2];
    }

    @Test
    void frameGapsWhileTwentyMegabytesStream() throws Exception {
        TerminalView[] view = new TerminalView[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            view[0] = new TerminalView();
            stage.setScene(new Scene(view[0], 1000, 700));
            stage.show();
            shown.countDown();
        });
        assertTrue(shown.await(10, TimeUnit.SECONDS));
        // the page is on screen before the build starts: let the view draw its first lines, as it would have
        Platform.runLater(() -> view[0].append(List.of(TerminalView.Line.command("$ docker build --tag hello-test ."))));
        Thread.sleep(500);
        AtomicLong slowestAppend = new AtomicLong();
        EventPump<TerminalView.Line> pump = new EventPump<>(batch -> {
            long a = System.nanoTime();
            view[0].append(batch);
            slowestAppend.accumulateAndGet(System.nanoTime() - a, Math::max);
        });
        AtomicLong last = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        // each gap: its length and when it ended (JVM uptime, ms), to lay beside the GC pauses of the same run
        List<long[]> gaps = java.util.Collections.synchronizedList(new ArrayList<>());
        GcPauses gc = GcPauses.listen();
        long compiledBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        AnimationTimer meter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long before = last.getAndSet(now);
                long n = frames.incrementAndGet();
                if (before != 0) {
                    worst.accumulateAndGet(now - before, Math::max);
                    gaps.add(new long[] {(now - before) / 1_000_000, ManagementFactory.getRuntimeMXBean().getUptime(), n});
                }
            }
        };
        Platform.runLater(() -> {
            pump.start();
            meter.start();
        });
        String line = "#12 [3/4] RUN apk add --no-cache curl  " + "x".repeat(58); // 100 bytes with the newline
        long t0 = System.nanoTime();
        for (int i = 0; i < 200_000; i++) {
            pump.offer(TerminalView.Line.out(i % 50 == 0 ? "\u001B[32m" + line.substring(5) + "\u001B[0m" : line));
        }
        while (!pump.idle()) {
            Thread.sleep(5);
        }
        CountDownLatch drawn = new CountDownLatch(1);
        Platform.runLater(drawn::countDown);
        drawn.await(10, TimeUnit.SECONDS);
        Thread.sleep(100);
        double secs = (System.nanoTime() - t0) / 1e9;
        Platform.runLater(() -> {
            meter.stop();
            pump.stop();
        });
        String collector = ManagementFactory.getGarbageCollectorMXBeans().stream().map(java.lang.management.GarbageCollectorMXBean::getName)
                .collect(java.util.stream.Collectors.joining(" + "));
        System.out.printf("%nTerminal view, 200,000 lines / 20 MB pushed as fast as possible (headless Monocle, software rendering, 256 MB heap, %s)%n",
                collector);
        System.out.printf("  shown in %.1f s over %d frames; largest gap between frames: %.0f ms (slowest single batch: %.0f ms); scrollback kept: %d lines%n",
                secs, frames.get(), worst.get() / 1e6, slowestAppend.get() / 1e6, view[0].lineCount());
        gc.close();
        List<long[]> pauses = gc.pauses();
        System.out.printf("  GC pauses while it streamed: %d, longest %d ms, %d ms in all; JIT compiling (on other threads): %d ms%n",
                pauses.size(), pauses.stream().mapToLong(p -> p[1]).max().orElse(0), pauses.stream().mapToLong(p -> p[1]).sum(),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiledBefore);
        List<String> longest = new ArrayList<>();
        synchronized (gaps) {
            gaps.stream().sorted(java.util.Comparator.comparingLong((long[] g) -> g[0]).reversed()).limit(5).forEach(g -> {
                // a pause that overlapped the gap: it started before the gap ended and ended after the gap began
                long inside = pauses.stream().filter(p -> p[0] < g[1] && p[0] + p[1] > g[1] - g[0]).mapToLong(p -> p[1]).sum();
                longest.add(g[0] + " ms at frame " + g[2] + (inside > 0 ? " (" + inside + " ms of it GC)" : ""));
            });
        }
        System.out.println("  longest gaps: " + longest);
        System.out.println();
    }
}
