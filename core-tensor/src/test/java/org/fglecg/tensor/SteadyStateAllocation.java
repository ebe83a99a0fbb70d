package org.fglecg.tensor;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a piece of work allocates once compiled, for the zero-allocation tests of every module
 * (core-tensor's test jar).
 *
 * <p>Rounds repeat until one allocates nothing (the interpreter and C1 box every vector, so
 * early rounds allocate). A round that still allocates when time is up is recorded with JFR and
 * its allocation samples are split in two: those made by the Java fallbacks of Vector API
 * operations, and the rest. The fallbacks run where C2 left a Vector API call un-intrinsified
 * in a large compiled unit (seen in many of the JVMs that ran the streaming test after
 * MitBihTest on a machine loaded by a training run; docs/PERFORMANCE.md, "Vector API calls left
 * to their fallbacks"): that is the JIT's choice for that JVM, not an allocation the code makes,
 * and is reported, not failed. Everything else is an allocation of ours and fails.
 */
public final class SteadyStateAllocation {
    /** Bytes recorded (at most {@link #MAX_RECORDED_ROUNDS} rounds) to find where a round allocates. */
    static final long RECORDED_BYTES = 64L << 20;
    static final int MAX_RECORDED_ROUNDS = 200;

    /**
     * The least a round allocated and, when that is not 0, where its sampled allocations came
     * from: our frames (the innermost {@code org.fglecg} frame of each sample) and the number of
     * samples taken in Vector API fallbacks, counted by the {@code org.fglecg} frame that called
     * into the Vector API (which kernel ran its fallback).
     */
    public record Result(long leastBytes, Set<String> ownSites, long fallbackSamples, Map<String, Long> fallbackCallers) {
        /**
         * True when the round allocated nothing, or when all it allocated was sampled in Vector
         * API fallbacks (some samples there, none in our code).
         */
        public boolean nothingOfOurs() {
            return leastBytes == 0 || (ownSites.isEmpty() && fallbackSamples > 0);
        }
    }

    private SteadyStateAllocation() {}

    /**
     * Runs {@code round} at least {@code minRounds} times and then until a round allocates 0 bytes
     * or {@code maxSeconds} have passed; {@code allocated} reads the bytes allocated so far by the
     * threads that matter.
     */
    public static Result measure(Runnable round, LongSupplier allocated, int minRounds, int maxSeconds)
            throws Exception {
        long least = Long.MAX_VALUE, deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        for (int r = 0; least > 0 && (r < minRounds || System.nanoTime() < deadline); r++) {
            long before = allocated.getAsLong();
            round.run();
            long bytes = allocated.getAsLong() - before;
            if (r > 0) least = Math.min(least, bytes);
        }
        if (least == 0) return new Result(0, Set.of(), 0, Map.of());
        Path file = Files.createTempFile("allocation", ".jfr");
        try {
            try (Recording recording = new Recording()) {
                recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s");
                recording.start();
                // Samples come at TLAB refills: repeat until enough has been allocated to sample.
                long start = allocated.getAsLong();
                for (int r = 0; r < MAX_RECORDED_ROUNDS && allocated.getAsLong() - start < RECORDED_BYTES; r++) round.run();
                recording.stop();
                recording.dump(file);
            }
            Set<String> own = new TreeSet<>();
            Map<String, Long> callers = new TreeMap<>();
            long fallback = 0;
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample") || e.getStackTrace() == null) continue;
                String site = null, caller = null;
                boolean vectorFallback = false;
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    if (f.getMethod() == null) continue;
                    String type = f.getMethod().getType().getName();
                    if (type.startsWith("jdk.incubator.vector.") || type.startsWith("jdk.internal.vm.vector.")) {
                        vectorFallback = true;                         // then: which of our frames called it
                        continue;
                    }
                    if (type.startsWith("org.fglecg.")) {
                        String here = type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName()
                                + " line " + f.getLineNumber();
                        if (vectorFallback) {
                            caller = here;
                            break;
                        }
                        if (site == null) site = here;
                    }
                }
                if (vectorFallback) {
                    fallback++;
                    if (caller != null) callers.merge(caller, 1L, Long::sum);
                } else if (site != null) {
                    own.add(site);
                }
            }
            return new Result(least, own, fallback, callers);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Bytes allocated so far by the calling thread. */
    public static LongSupplier thisThread() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        return () -> mx.getThreadAllocatedBytes(id);
    }

    /**
     * Bytes allocated so far by the calling thread and the compute pool's threads that exist now
     * (found by name; start the pool first, e.g. with one call of the work).
     */
    public static LongSupplier thisThreadAndPool() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = new long[64];
        int count = 0;
        ids[count++] = Thread.currentThread().getId();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("fglecg-compute-") && count < ids.length) ids[count++] = t.getId();
        }
        long[] threads = java.util.Arrays.copyOf(ids, count);
        return () -> {
            long sum = 0;
            for (long id : threads) sum += Math.max(0, mx.getThreadAllocatedBytes(id));
            return sum;
        };
    }

    /** The message a test prints when only the Vector API fallbacks allocated. */
    public static String fallbackNotice(String what, Result r) {
        StringBuilder where = new StringBuilder();
        r.fallbackCallers().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .forEach(c -> where.append(where.length() == 0 ? "; called from " : ", ").append(c.getKey())
                        .append(" (").append(c.getValue()).append(')'));
        return what + ": our code allocates nothing, but C2 left Vector API calls to their Java fallbacks in this"
                + " JVM (" + r.leastBytes() + " bytes in the best round, " + r.fallbackSamples() + " fallback samples"
                + where + ")";
    }
}
