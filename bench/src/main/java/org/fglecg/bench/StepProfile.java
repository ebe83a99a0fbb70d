package org.fglecg.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.fglecg.nn.FglNet;
import org.fglecg.nn.FlopCount;
import org.fglecg.nn.FrozenFglNet;
import org.fglecg.nn.TrainingStep;
import org.fglecg.nn.loss.ClassBalancedWeights;
import org.fglecg.nn.loss.Losses;
import org.fglecg.nn.optim.Adam;
import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.TensorArena;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Where a step goes: for a student and a teacher training step at batch 128 and for student
 * inference at batch 1 and 256, each layer's forward and backward time, FLOPs, GFLOP/s, share of
 * the step and bytes allocated. One thread (so every sample belongs to the step's thread).
 *
 * <p>How: the step runs under a JDK Flight Recorder recording sampling the thread every
 * millisecond and sampling allocations. A sample belongs to the innermost frame of a layer class
 * of {@code org.fglecg.nn} on its stack (Conv1d, Linear, MultiheadAttention, ...), or to "tensor
 * ops" when no layer is on the stack (element-wise and shape operations called from a
 * container's forward, and the backward of such operations); it is backward when
 * {@code Autograd.backward} is on the stack, the optimiser when {@code Adam.step} is. Times are
 * the sample shares times the measured wall time; allocated bytes are the sampled weights scaled
 * to the thread's exact allocation. Inference runs {@link FrozenFglNet} (what fgl predict runs);
 * its own glue (activations, transposes, means between layers) shows as "FrozenFglNet".
 *
 * <p>Warm-up runs steps until C2 has compiled the path: until three steps in a row allocate
 * within 2 % of each other (the interpreter and C1 box vectors, so a cold step allocates far
 * more), at most {@link #MAX_WARMUP_STEPS} steps or {@link #MAX_WARMUP_SECONDS} s. Without it
 * the time and the bytes of a short profile were the JIT's, not the step's. FLOPs are analytic ({@link FlopCount}; backward counted as
 * twice the forward), so GFLOP/s is only given for the layers that do the matrix products.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:FlightRecorderOptions:stackdepth=256 \
 *      -cp bench/target/benchmarks.jar org.fglecg.bench.StepProfile [steps]
 * </pre>
 */
public final class StepProfile {
    private static final List<String> LAYERS = List.of("Conv1d", "BatchNorm1d", "ReLU", "MaxPool1d", "SEBlock",
            "Linear", "MultiheadAttention", "LayerNorm", "Dropout", "TransformerEncoderLayer", "TransformerEncoder",
            "FglNet", "FrozenFglNet", "Losses", "Adam");
    private static final String OTHER = "tensor ops";
    static final int MAX_WARMUP_STEPS = 60;
    static final int MAX_WARMUP_SECONDS = 120;

    private StepProfile() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Parallel.setThreads(1);
        System.out.printf(Locale.ROOT, "StepProfile: %s, kernels %s %d-bit, 1 thread, JDK %s%n",
                ManagementFactory.getOperatingSystemMXBean().getArch(), Kernels.get().name(),
                Kernels.get().vectorBitSize(), Runtime.version());
        profile("student training step, batch 128", FglNet.student(), 128, true, steps);
        profile("teacher training step, batch 128 (T_asym_360)", FglNet.teacher(450), 128, true, Math.max(1, steps / 2));
        profile("student inference, batch 1 (BatchNorm folded)", FglNet.student(), 1, false, 200 * steps);
        profile("student inference, batch 256 (BatchNorm folded)", FglNet.student(), 256, false, steps);
    }

    /** Runs {@code calls} steps (after a warm-up, see the class comment) under a recording and prints the table. */
    static void profile(String title, FglNet.Config config, int batch, boolean train, int calls) throws Exception {
        FglNet net = new FglNet(config, 0);
        if (train) net.train();
        FrozenFglNet frozen = train ? null : FrozenFglNet.of(net);
        TrainingStep trainingStep = new TrainingStep(net, new Adam(net.parameters(), 1e-3), new TensorArena());
        float[] w = ClassBalancedWeights.of(new long[] {45866, 944, 3788, 415}, 0.9999);
        Rng rng = new Rng(1);
        Tensor x = Tensor.randn(rng, batch, 1, config.length());
        float[] xs = x.toArray(), logits = new float[batch * config.numClasses()];
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) y[i] = rng.nextInt(4);
        Runnable step = train ? () -> trainingStep.run(x, z -> Losses.crossEntropy(z, y, w)) // the trainer's step
                : () -> frozen.logits(xs, 0, batch, logits, 0);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        int warm = warmUp(step, mx, me);
        Path file = Files.createTempFile("step-profile", ".jfr");
        long bytes, nanos;
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            r.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s");
            r.start();
            long b0 = mx.getThreadAllocatedBytes(me), t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) step.run();
            nanos = System.nanoTime() - t0;
            bytes = mx.getThreadAllocatedBytes(me) - b0;
            r.stop();
            r.dump(file);
        }
        Map<String, double[]> rows = new LinkedHashMap<>();   // layer -> {forward samples, backward samples, alloc weight}
        double samples = 0, allocWeight = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            boolean exec = type.equals("jdk.ExecutionSample");
            if (!exec && !type.equals("jdk.ObjectAllocationSample")) continue;
            RecordedThread t = exec ? e.getThread("sampledThread") : e.getThread();
            if (t == null || t.getJavaThreadId() != me || e.getStackTrace() == null) continue;
            String[] where = attribute(e.getStackTrace());
            double[] row = rows.computeIfAbsent(where[0], k -> new double[3]);
            if (exec) {
                row[where[1].equals("backward") ? 1 : 0]++;
                samples++;
            } else {
                double wgt = e.getLong("weight");
                row[2] += wgt;
                allocWeight += wgt;
            }
        }
        Files.deleteIfExists(file);
        print(title, config, batch, train, warm, calls, nanos, bytes, rows, samples, allocWeight);
    }

    /** Runs steps until the allocation per step has settled (see the class comment); returns how many ran. */
    static int warmUp(Runnable step, com.sun.management.ThreadMXBean mx, long thread) {
        long end = System.nanoTime() + MAX_WARMUP_SECONDS * 1_000_000_000L;
        long[] last = new long[3];
        int n = 0;
        while (n < MAX_WARMUP_STEPS && System.nanoTime() < end) {
            long before = mx.getThreadAllocatedBytes(thread);
            step.run();
            last[n % 3] = mx.getThreadAllocatedBytes(thread) - before;
            n++;
            if (n >= 3) {
                long lo = Math.min(last[0], Math.min(last[1], last[2])), hi = Math.max(last[0], Math.max(last[1], last[2]));
                if (hi - lo <= 0.02 * hi) break;
            }
        }
        return n;
    }

    /** {layer, phase} of a stack: its innermost layer frame, and forward / backward / optimizer. */
    static String[] attribute(RecordedStackTrace stack) {
        String layer = null, phase = "forward";
        for (RecordedFrame f : stack.getFrames()) {
            if (f.getMethod() == null) continue;
            String cls = f.getMethod().getType().getName(), method = f.getMethod().getName();
            if (cls.equals("org.fglecg.tensor.Autograd") && method.equals("backward")) phase = "backward";
            if (layer == null && cls.startsWith("org.fglecg.nn.")) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                int dollar = simple.indexOf('$');
                if (dollar > 0) simple = simple.substring(0, dollar);
                if (LAYERS.contains(simple)) layer = simple;
            }
        }
        if ("Adam".equals(layer)) phase = "optimizer";
        return new String[] {layer == null ? OTHER : layer, phase};
    }

    /** Analytic forward FLOPs per beat of the layers that do the products, by class. */
    static Map<String, Long> forwardFlopsByLayer(FglNet.Config c) {
        Map<String, Long> m = new TreeMap<>();
        for (FlopCount.Row r : FlopCount.rows(c)) {
            String l = r.layer();
            String cls = l.contains("QK^T") || l.contains("attn x V") ? "MultiheadAttention"
                    : l.contains("conv") ? "Conv1d" : "Linear";
            m.merge(cls, 2 * r.macs(), Long::sum);
        }
        return m;
    }

    static void print(String title, FglNet.Config c, int batch, boolean train, int warm, int calls, long nanos,
                      long bytes, Map<String, double[]> rows, double samples, double allocWeight) {
        double stepMs = nanos / 1e6 / calls;
        String unit = train ? "step" : "call";
        System.out.printf(Locale.ROOT, "%n### %s%n%n%.2f ms per %s, %.3f MB allocated per %s, %d samples over %d %ss"
                + " after %d warm-up %ss%n%n", title, stepMs, unit, bytes / 1e6 / calls, unit, (long) samples, calls, unit,
                warm, unit);
        System.out.println("| layer | forward ms | backward ms | share of step | GFLOP per step | GFLOP/s | MB allocated |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, Long> flops = forwardFlopsByLayer(c);
        rows.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0] + b.getValue()[1],
                a.getValue()[0] + a.getValue()[1])).forEach(en -> {
            double[] r = en.getValue();
            double fwd = samples == 0 ? 0 : stepMs * r[0] / samples, bwd = samples == 0 ? 0 : stepMs * r[1] / samples;
            Long f = flops.get(en.getKey());
            double gflop = f == null ? 0 : f * (double) batch * (train ? 3 : 1) / 1e9;
            String rate = f == null || fwd + bwd == 0 ? "" : String.format(Locale.ROOT, "%.1f", gflop / ((fwd + bwd) / 1e3));
            System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %.1f %% | %s | %s | %.1f |%n", en.getKey(), fwd,
                    train ? String.format(Locale.ROOT, "%.2f", bwd) : "", samples == 0 ? 0 : 100 * (r[0] + r[1]) / samples,
                    f == null ? "" : String.format(Locale.ROOT, "%.3f", gflop), rate,
                    allocWeight == 0 ? 0 : bytes / 1e6 / calls * r[2] / allocWeight);
        });
        long total = 0;
        for (long f : flops.values()) total += f;
        double g = total * (double) batch * (train ? 3 : 1) / 1e9;
        System.out.printf(Locale.ROOT, "| **total** | | | 100 %% | %.3f | %.1f | %.1f |%n", g, g / (stepMs / 1e3),
                bytes / 1e6 / calls);
    }
}
