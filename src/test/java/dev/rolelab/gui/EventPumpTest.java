package dev.rolelab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rolelab.gui.util.EventPump;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class EventPumpTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void batchesStayBoundedAndStopHandsOverEverythingLeft(FxRobot robot) {
        List<Integer> sizes = new ArrayList<>();
        AtomicInteger seen = new AtomicInteger();
        EventPump<Integer>[] pump = new EventPump[1];
        robot.interact(() -> pump[0] = new EventPump<>(batch -> {
            sizes.add(batch.size());
            seen.addAndGet(batch.size());
        }));
        for (int i = 0; i < 50_000; i++) {
            pump[0].offer(i);
        }
        robot.interact(() -> pump[0].stop());
        assertEquals(50_000, seen.get(), "nothing queued before the end of a run may be lost");
        assertTrue(sizes.stream().allMatch(s -> s <= 200), "a batch is small enough to fit a frame: " + sizes.stream().max(Integer::compare));
        assertTrue(pump[0].idle());
    }
}
