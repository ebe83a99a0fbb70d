package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fglecg.tensor.SteadyStateAllocation;
import org.junit.jupiter.api.Test;

/**
 * Steady-state SGEMM allocates nothing on any thread: scratch buffers are reused and the pool
 * hands out jobs without objects. Rounds repeat until C2 has compiled the kernels and one
 * allocates zero bytes ({@link SteadyStateAllocation}: what remains must come from Vector API
 * fallbacks the JIT left, none from our code).
 */
class SgemmAllocationTest {
    private static final int CALLS = 50;

    @Test
    void steadyStateCallsAllocateNothing() throws Exception {
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                for (Sgemm impl : new Sgemm[] {new Sgemm(Kernels.vector()), new Sgemm(Kernels.scalar())}) {
                    for (int[] s : new int[][] {{128, 200, 256}, {128, 896, 224}, {25, 25, 91}}) { // 896: two k blocks
                        String what = impl.kernels().name() + " sgemm " + s[0] + "x" + s[1] + "x" + s[2] + " threads " + threads;
                        Runnable round = round(impl, s[0], s[1], s[2]);
                        round.run();                                   // starts the pool's threads
                        SteadyStateAllocation.Result r = SteadyStateAllocation.measure(round,
                                SteadyStateAllocation.thisThreadAndPool(), 3, 30);
                        assertTrue(r.nothingOfOurs(), what + ": allocations by our code: " + r);
                        if (r.leastBytes() > 0) System.err.println(SteadyStateAllocation.fallbackNotice(what, r));
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** CALLS products of every transposition, C = A B + 0.5 C. */
    private static Runnable round(Sgemm impl, int m, int k, int n) {
        float[] a = new float[k * m], b = new float[n * k], c = new float[m * n];
        return () -> {
            for (int i = 0; i < CALLS; i++) {
                boolean transA = (i & 1) != 0, transB = (i & 2) != 0;
                impl.sgemm(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0.5f, c, 0, n);
            }
        };
    }
}
