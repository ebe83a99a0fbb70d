package org.fglecg.nn;

import org.fglecg.tensor.Rng;
import org.fglecg.tensor.Tensor;
import org.fglecg.tensor.kernel.Kernels;
import org.fglecg.tensor.kernel.Parallel;

/**
 * Inverted dropout (PyTorch's): in training each element is zeroed with probability p and the
 * survivors are scaled by 1/(1-p); in eval it is the identity. The mask comes from the module's
 * own seeded generator, so a seed fixes every mask. Each random 64-bit word gives four 16-bit
 * draws, so p is applied in steps of 1/65536 (0.1 acts as 0.100006).
 */
public final class Dropout extends Module {
    private static final int CHUNK = 1 << 14;
    public final float p;
    private final Rng rng;

    public Dropout(float p, Rng rng) {
        if (p < 0 || p >= 1) throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        this.p = p;
        this.rng = rng;
    }

    /**
     * dst[dOff + i] = src[so + i] / (1 - p), or 0 with probability p, for i in [0, n): the one mask
     * rule of this library (also used by attention), four 16-bit draws per random word, element
     * i taking bits 16 (i mod 4) and up of the (i / 4)-th word. Branch-free: a dropped element
     * is cleared with a bit mask, since attention draws one mask bit per weight and an
     * unpredictable branch per element cost more than the drawing.
     */
    static void apply(Rng rng, float p, float[] src, int so, float[] dst, int dOff, int n) {
        apply(rng, p, src, so, dst, dOff, n, null, 0);
    }

    /**
     * {@link #apply(Rng, float, float[], int, float[], int, int)}, recording the mask in
     * {@code kept} (when not null): bit {@code i % 64} of {@code kept[keptOff + i / 64]} is set
     * when element i was kept (bits past n are cleared). {@link #applyKept} then applies the same mask again
     * without drawing it, as attention's backward does. The mask is drawn into the bits first,
     * then applied by the vector kernel.
     */
    static void apply(Rng rng, float p, float[] src, int so, float[] dst, int dOff, int n, long[] kept, int keptOff) {
        if (kept == null) {
            kept = new long[keptWords(n)];
            keptOff = 0;
        }
        draw(rng, p, n, kept, keptOff);
        applyKept(kept, keptOff, 1f / (1f - p), src, so, dst, dOff, n);
    }

    /**
     * The mask of n elements that {@link #apply} would use, into {@code kept[keptOff ...]} (bit i
     * set when element i is kept, bits past n cleared), drawn from {@code rng}.
     */
    static void draw(Rng rng, float p, int n, long[] kept, int keptOff) {
        int threshold = Math.round(p * 65536f);
        for (int w = 0, base = 0; base < n; w++, base += 64) {
            int count = Math.min(64, n - base);
            long word = 0;
            for (int j = 0; j < count; j += 4) {
                long bits = rng.nextLong();
                long four = keepBit(bits, threshold) | keepBit(bits >>> 16, threshold) << 1
                        | keepBit(bits >>> 32, threshold) << 2 | keepBit(bits >>> 48, threshold) << 3;
                word |= four << j;
            }
            kept[keptOff + w] = count == 64 ? word : word & ((1L << count) - 1);
        }
    }

    /**
     * dst[dOff + i] = src[so + i] * keep where bit i of {@code kept} (from {@link #apply}) is set,
     * else +0: bit for bit what {@code apply} wrote.
     */
    static void applyKept(long[] kept, int keptOff, float keep, float[] src, int so, float[] dst, int dOff, int n) {
        Kernels.get().maskedScale(kept, keptOff, keep, src, so, dst, dOff, n);
    }

    /** Words of a mask of n elements recorded by {@link #apply}. */
    static int keptWords(int n) {
        return (n + 63) >>> 6;
    }

    /**
     * The generator for piece {@code index} (a chunk of a tensor, an attention head of one
     * sample) of the mask drawn with {@code seed}: each piece has its own stream, so the mask
     * does not depend on which thread draws which piece, and backward can draw it again.
     */
    static Rng stream(long seed, int index) {
        return new Rng(seed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** 1 (keep) when the low 16 bits of {@code bits} are >= threshold, else 0 (drop). */
    private static long keepBit(long bits, int threshold) {
        return (threshold - 1 - (bits & 0xFFFF)) >>> 63;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining() || p == 0f) return input;
        Tensor x = input.contiguous();
        int n = x.numel(), chunks = (n + CHUNK - 1) / CHUNK;
        float[] xd = x.data();
        int xo = x.offset();
        // One bit per element, kept for backward (a float mask cost 32 times the memory and a
        // pass of its own); CHUNK is a multiple of 64, so each chunk's bits start a word.
        long[] kept = new long[keptWords(n)];
        Tensor out = Tensor.empty(x.shape());
        float[] o = out.data();
        long seed = rng.nextLong();
        float keep = 1f / (1f - p);
        // fixed chunks with their own generators: the mask does not depend on the thread count
        Parallel.forEach(chunks, t -> {
            int s = t * CHUNK, len = Math.min(n, s + CHUNK) - s;
            apply(stream(seed, t), p, xd, xo + s, o, s, len, kept, s >>> 6);
        });
        return Tensor.fromFunction("dropout", out, g -> {
            Tensor gc = g.contiguous();
            Tensor dx = Tensor.empty(x.shape());
            float[] gd = gc.data(), d = dx.data();
            int go = gc.offset();
            Parallel.forEach(chunks, t -> {
                int s = t * CHUNK, len = Math.min(n, s + CHUNK) - s;
                applyKept(kept, s >>> 6, keep, gd, go + s, d, s, len);
            });
            return new Tensor[] {dx};
        }, x);
    }
}
