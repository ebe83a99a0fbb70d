package org.fglecg.tensor;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** What {@link TensorArena} lends, when it takes it back, and what it leaves to the JVM. */
class TensorArenaTest {
    static final int N = TensorArena.MIN_LENGTH * 2;

    @Test
    void aClosedScopesArraysAreLentAgainZeroed() {
        TensorArena arena = new TensorArena();
        float[] first;
        try (TensorArena.Scope s = arena.open()) {
            Tensor t = Tensor.zeros(N);
            first = t.data();
            java.util.Arrays.fill(first, 5f);
        }
        try (TensorArena.Scope s = arena.open()) {
            Tensor t = Tensor.zeros(2, N / 2);
            assertSame(first, t.data(), "the same array, lent again");
            for (float v : t.data()) assertEquals(0f, v);
        }
        assertEquals(4L * N, arena.allocatedBytes());
        assertEquals(4L * N, arena.reusedBytes());
    }

    @Test
    void opsResultsComeFromTheArenaAndAreRightWhenReused() {
        TensorArena arena = new TensorArena();
        Tensor a = Tensor.arange(N), b = Tensor.full(2f, N); // made outside: never lent
        float[] expected = a.mul(b).add(a).toArray();
        for (int step = 0; step < 3; step++) {
            try (TensorArena.Scope s = arena.open()) {
                assertArrayEquals(expected, a.mul(b).add(a).toArray());
            }
        }
        assertTrue(arena.reusedBytes() >= 2 * arena.allocatedBytes(), "steps 2 and 3 reuse step 1's arrays");
        assertEquals(N - 1f, a.get(N - 1), "the tensors made outside kept their values");
        assertEquals(2f, b.get(0));
    }

    @Test
    void withinOneScopeEveryLoanIsADistinctArray() {
        TensorArena arena = new TensorArena();
        for (int step = 0; step < 2; step++) {
            try (TensorArena.Scope s = arena.open()) {
                float[] x = TensorArena.zeroed(N), y = TensorArena.zeroed(N), z = TensorArena.zeroed(N);
                assertNotSame(x, y);
                assertNotSame(y, z);
                assertNotSame(x, z);
            }
        }
    }

    @Test
    void shortArraysAndOtherThreadsAndNoScopeGetFreshArrays() throws Exception {
        TensorArena arena = new TensorArena();
        float[] small, outside = TensorArena.zeroed(N);
        try (TensorArena.Scope s = arena.open()) {
            small = Tensor.zeros(10).data();
            float[][] fromOther = new float[1][];
            Thread t = new Thread(() -> fromOther[0] = TensorArena.zeroed(N));
            t.start();
            t.join();
            assertNotNull(fromOther[0]);
        }
        try (TensorArena.Scope s = arena.open()) {
            assertNotSame(small, Tensor.zeros(10).data());
        }
        assertEquals(0, arena.allocatedBytes(), "nothing was lent: short, another thread's, or outside a scope");
        assertNotSame(outside, TensorArena.zeroed(N));
    }

    @Test
    void arraysNotUsedByTheLastScopeAreDropped() {
        TensorArena arena = new TensorArena();
        float[] big;
        try (TensorArena.Scope s = arena.open()) {
            big = TensorArena.zeroed(N);
        }
        try (TensorArena.Scope s = arena.open()) {
            TensorArena.zeroed(N + 1);
        }
        try (TensorArena.Scope s = arena.open()) {
            assertNotSame(big, TensorArena.zeroed(N), "the arena keeps one step, not every step");
        }
    }

    @Test
    void aTensorUsedAfterItsScopeReadsNaN() {
        assertTrue(Boolean.getBoolean("fglecg.arena.poison"), "the test suites run with -Dfglecg.arena.poison=true");
        TensorArena arena = new TensorArena();
        Tensor kept;
        try (TensorArena.Scope s = arena.open()) {
            kept = Tensor.ones(N).mul(3f);
        }
        assertTrue(Float.isNaN(kept.get(0)), "poisoned on close");
    }

    @Test
    void scopesDoNotNestAndCloseOnce() {
        TensorArena arena = new TensorArena();
        TensorArena.Scope s = arena.open();
        assertThrows(IllegalStateException.class, arena::open);
        assertThrows(IllegalStateException.class, () -> new TensorArena().open());
        s.close();
        s.close();
        try (TensorArena.Scope again = arena.open()) {
            assertNotNull(again);
        }
    }
    @Test
    void keepsArraysInTheOrderLentUpToItsCapacity() {
        TensorArena arena = new TensorArena(2 * 4L * N);
        float[][] first = new float[3][];
        try (TensorArena.Scope s = arena.open()) {
            for (int i = 0; i < 3; i++) first[i] = TensorArena.zeroed(N);
        }
        try (TensorArena.Scope s = arena.open()) {
            assertSame(first[0], TensorArena.zeroed(N));
            assertSame(first[1], TensorArena.zeroed(N));
            float[] third = TensorArena.zeroed(N);
            assertNotSame(first[2], third);
            assertEquals(N, third.length);
        }
        assertEquals(4 * 4L * N, arena.allocatedBytes(), "three arrays in step 1, the one past the capacity in step 2");
    }

    @Test
    void aStepWhoseShapesChangedDropsWhatTheArenaHeld() {
        TensorArena arena = new TensorArena();
        float[] a;
        try (TensorArena.Scope s = arena.open()) {
            a = TensorArena.zeroed(N);
            TensorArena.zeroed(N + 1);
        }
        try (TensorArena.Scope s = arena.open()) {
            TensorArena.zeroed(N + 2);                  // a miss: the step is not the last one again
            assertNotSame(a, TensorArena.zeroed(N), "dropped at the miss, not held beside this step's arrays");
        }
    }
}
