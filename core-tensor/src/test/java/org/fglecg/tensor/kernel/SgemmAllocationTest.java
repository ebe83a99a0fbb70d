package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Steady-state SGEMM allocates nothing on any thread: scratch buffers are reused and the pool
 * hands out jobs without objects. The interpreter and C1 box vectors, so the test repeats
 * rounds until C2 has compiled the kernels and asserts that a whole round allocated zero bytes.
 */
class SgemmAllocationTest {
    private static final int ROUNDS = 40;
    private static final int CALLS = 50;

    @Test
    void steadyStateCallsAllocateNothing() {
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                for (Sgemm impl : new Sgemm[] {new Sgemm(Kernels.vector()), new Sgemm(Kernels.scalar())}) {
                    for (int[] s : new int[][] {{128, 200, 256}, {128, 896, 224}, {25, 25, 91}}) { // 896: two k blocks
                        long least = leastRoundAllocation(mx, impl, s[0], s[1], s[2]);
                        assertEquals(0, least, impl.kernels().name() + " sgemm " + s[0] + "x" + s[1] + "x" + s[2]
                                + " threads " + threads + ": bytes allocated in the best round");
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    private static long leastRoundAllocation(com.sun.management.ThreadMXBean mx, Sgemm impl,
                                             int m, int k, int n) {
        float[] a = new float[k * m], b = new float[n * k], c = new float[m * n];
        long[] ids = new long[64];
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && least > 0; round++) {
            int count = threadIds(ids);
            long before = allocated(mx, ids, count);
            for (int i = 0; i < CALLS; i++) {
                boolean transA = (i & 1) != 0, transB = (i & 2) != 0;
                impl.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n,
                        0.5f, c, 0, n);
            }
            long after = allocated(mx, ids, count);
            if (threadIds(ids) != count) continue; // a pool thread started: measure again
            least = Math.min(least, after - before);
        }
        return least;
    }

    /** Ids of this thread and the pool's threads, found by name (without allocating much). */
    private static int threadIds(long[] ids) {
        int count = 0;
        ids[count++] = Thread.currentThread().getId();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("fglecg-compute-") && count < ids.length) ids[count++] = t.getId();
        }
        return count;
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) sum += Math.max(0, mx.getThreadAllocatedBytes(ids[i]));
        return sum;
    }
}
