package org.fglecg.tensor.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The one dedicated compute pool. Work is cut into a fixed number of tasks whose content does
 * not depend on which thread runs them, so a seed and a thread count give identical bits.
 *
 * <p>Size: system property {@code fglecg.threads}, else available processors; {@link
 * #setThreads(int)} changes it at run time.
 */
public final class Parallel {
    private static volatile int threads = Integer.getInteger("fglecg.threads",
            Runtime.getRuntime().availableProcessors());
    private static ExecutorService pool;
    private static int poolSize;

    private Parallel() {}

    /** Number of threads compute kernels may use. */
    public static int threads() {
        return threads;
    }

    /** Sets the number of compute threads (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
        threads = n;
    }

    /**
     * Runs {@code body.accept(t)} for t in [0, tasks), spread over the pool; returns when all are
     * done. With one thread (or one task) it runs inline on the caller.
     */
    public static void forEach(int tasks, IntConsumer body) {
        int n = Math.min(threads, tasks);
        if (n <= 1) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        ExecutorService p = pool(n);
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int t; (t = next.getAndIncrement()) < tasks; ) body.accept(t);
        };
        Future<?>[] futures = new Future<?>[n - 1];
        for (int i = 0; i < n - 1; i++) futures[i] = p.submit(worker);
        worker.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuntimeException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException) throw (RuntimeException) c;
                if (c instanceof Error) throw (Error) c;
                throw new RuntimeException(c);
            }
        }
    }

    private static synchronized ExecutorService pool(int n) {
        if (pool == null || poolSize < n - 1) {
            if (pool != null) pool.shutdown();
            poolSize = Math.max(n - 1, 1);
            AtomicInteger id = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "fglecg-compute-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(poolSize, tf);
        }
        return pool;
    }
}
