package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyTaskRunsExactlyOnceForAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            for (int threads = 1; threads <= 4; threads++) {
                Parallel.setThreads(threads);
                for (int tasks : new int[] {0, 1, 2, 3, 17, 200}) {
                    AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
                    for (int round = 0; round < 20; round++) Parallel.forEach(tasks, hits::incrementAndGet);
                    for (int t = 0; t < tasks; t++) {
                        assertEquals(20, hits.get(t), "task " + t + " of " + tasks + ", threads " + threads);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void nestedForEachRunsInline() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(3);
            AtomicIntegerArray hits = new AtomicIntegerArray(6 * 5);
            Parallel.forEach(6, outer -> Parallel.forEach(5, inner -> hits.incrementAndGet(outer * 5 + inner)));
            for (int i = 0; i < 30; i++) assertEquals(1, hits.get(i), "pair " + i);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void aTaskFailureIsRethrownAndThePoolStaysUsable() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(2);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(10, t -> {
                if (t == 7) throw new IllegalStateException("task 7");
            }));
            assertEquals("task 7", e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            Parallel.forEach(10, hits::incrementAndGet);
            for (int t = 0; t < 10; t++) assertEquals(1, hits.get(t));
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
