package org.fglecg.tensor.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one dedicated compute pool. Work is cut into a fixed number of tasks whose content does
 * not depend on which thread runs them, so a seed and a thread count give identical bits.
 *
 * <p>Size: system property {@code fglecg.threads}, else available processors; {@link
 * #setThreads(int)} changes it at run time. Workers are daemon threads that spin briefly, then
 * park, between jobs; a job allocates nothing, so hot kernels stay allocation-free.
 *
 * <p>The calling thread takes tasks too, and never waits for a helper that has not started:
 * once every task is claimed it revokes helpers still asleep (on a busy machine a parked thread
 * can take milliseconds to be scheduled) and waits only for those running a task.
 *
 * <p>A {@code forEach} issued from inside a task, or while another thread owns the pool, runs
 * its tasks inline on the calling thread (same results, no deadlock).
 */
public final class Parallel {
    /** How long an idle thread spins before parking: short jobs follow each other closely. */
    private static final long SPIN_NANOS = 50_000;

    private static volatile int threads = Integer.getInteger("fglecg.threads",
            Runtime.getRuntime().availableProcessors());

    private static final ReentrantLock OWNER = new ReentrantLock();
    private static Worker[] workers = new Worker[0];

    // The current job, published to a worker by the volatile write of its state.
    private static IntConsumer body;
    private static int taskCount;
    private static volatile Thread caller;
    private static final AtomicInteger NEXT_TASK = new AtomicInteger();
    private static volatile Throwable failure;

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
     * done. With one thread (or one task) it runs inline on the caller. The first exception
     * thrown by a task is rethrown here after every started task has finished.
     */
    public static void forEach(int tasks, IntConsumer body) {
        int n = Math.min(threads, tasks);
        if (n <= 1 || Thread.currentThread() instanceof Worker || OWNER.isHeldByCurrentThread()
                || !OWNER.tryLock()) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        try {
            runOnPool(n - 1, tasks, body);
        } finally {
            OWNER.unlock();
        }
    }

    private static void runOnPool(int helpers, int tasks, IntConsumer job) {
        ensureWorkers(helpers);
        Parallel.body = job;
        taskCount = tasks;
        caller = Thread.currentThread();
        failure = null;
        NEXT_TASK.set(0);
        for (int i = 0; i < helpers; i++) workers[i].assign();
        drain();
        for (int i = 0; i < helpers; i++) workers[i].revokeOrAwait();
        Parallel.body = null;
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException) throw (RuntimeException) f;
            if (f instanceof Error) throw (Error) f;
            throw new RuntimeException(f);
        }
    }

    /** Takes tasks until none is left; records the first failure and skips the rest. */
    private static void drain() {
        IntConsumer job = body;
        int tasks = taskCount;
        for (int t; (t = NEXT_TASK.getAndIncrement()) < tasks; ) {
            if (failure != null) continue;
            try {
                job.accept(t);
            } catch (Throwable e) {
                synchronized (Parallel.class) {
                    if (failure == null) failure = e;
                }
            }
        }
    }

    private static void ensureWorkers(int n) {
        if (workers.length >= n) return;
        Worker[] grown = java.util.Arrays.copyOf(workers, n);
        for (int i = workers.length; i < n; i++) {
            grown[i] = new Worker(i);
            grown[i].start();
        }
        workers = grown;
    }

    /** Spins, then parks, until the condition holds. */
    private static void await(java.util.function.BooleanSupplier done, Object blocker) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() < spinUntil) Thread.onSpinWait();
            else LockSupport.park(blocker);
        }
    }

    /**
     * A pool thread. State IDLE -> ASSIGNED (by the owner) -> RUNNING (by the worker, which
     * then drains tasks) -> IDLE; the owner may take ASSIGNED back to IDLE, so a helper that
     * wakes late never touches a finished job.
     */
    private static final class Worker extends Thread {
        private static final int IDLE = 0, ASSIGNED = 1, RUNNING = 2;
        private final AtomicInteger state = new AtomicInteger(IDLE);
        private final java.util.function.BooleanSupplier assigned = () -> state.get() == ASSIGNED;
        private final java.util.function.BooleanSupplier idle = () -> state.get() == IDLE;

        Worker(int index) {
            super("fglecg-compute-" + (index + 1));
            setDaemon(true);
        }

        void assign() {
            state.set(ASSIGNED);
            LockSupport.unpark(this);
        }

        /** Called by the owner once every task is claimed. */
        void revokeOrAwait() {
            if (!state.compareAndSet(ASSIGNED, IDLE)) await(idle, this);
        }

        @Override
        public void run() {
            while (true) {
                await(assigned, this);
                if (!state.compareAndSet(ASSIGNED, RUNNING)) continue; // revoked
                drain();
                state.set(IDLE);
                LockSupport.unpark(caller);
            }
        }
    }
}
