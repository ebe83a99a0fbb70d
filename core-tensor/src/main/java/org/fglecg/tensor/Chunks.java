package org.fglecg.tensor;

import org.fglecg.tensor.kernel.Parallel;

/**
 * Splits independent element-wise or row-wise work into fixed-size chunks on the compute pool.
 * The chunking depends only on the sizes, never on the thread count, and each output element is
 * computed by one chunk, so results are bit-identical for any number of threads.
 */
final class Chunks {
    /** Elements per task: large enough to amortise handing a task to a thread. */
    static final int SIZE = 1 << 14;

    private Chunks() {}

    interface Body {
        void run(int from, int to);
    }

    /** body over [0, n) in chunks of SIZE elements. */
    static void forEach(int n, Body body) {
        forEachRow(n, 1, body);
    }

    /** body over row ranges of [0, rows), each range about SIZE elements of rowLength. */
    static void forEachRow(int rows, int rowLength, Body body) {
        int per = Math.max(1, SIZE / Math.max(1, rowLength));
        int tasks = (rows + per - 1) / per;
        if (tasks <= 1) {
            if (rows > 0) body.run(0, rows);
            return;
        }
        Parallel.forEach(tasks, t -> body.run(t * per, Math.min(rows, (t + 1) * per)));
    }
}
