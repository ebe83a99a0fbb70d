package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.fglecg.tensor.kernel.GemmMicroKernel;
import org.fglecg.tensor.kernel.Kernels;

/**
 * Vector API kernels on the preferred species (512 bits on AVX-512, 256 on AVX2). Loaded only
 * by name from {@code KernelsProvider}; nothing outside this package imports the Vector API.
 * Loops run whole vectors, then finish the tail with the scalar formula.
 */
public final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = VectorWidth.FLOAT;
    private static final int L = S.length();

    /** Overrides the register tile ({@code 8x2} or {@code 6x2}), to measure both on one width. */
    static final String TILE_PROPERTY = "fglecg.gemm.tile";

    /**
     * AVX-512 has 32 vector registers: an 8 x 2 tile (16 accumulators) divides the typical
     * 128-row weights evenly; AVX2 has 16, so 6 x 2 (12 accumulators) avoids spills. Narrower
     * widths get 6 x 2 until measured otherwise (NEON has 32 registers; see docs/PERFORMANCE.md).
     */
    private final GemmMicroKernel micro = tile(System.getProperty(TILE_PROPERTY));

    static GemmMicroKernel tile(String forced) {
        if (forced == null || forced.isBlank()) return S.vectorBitSize() >= 512 ? new VectorGemm8x2() : new VectorGemm6x2();
        switch (forced.trim()) {
            case "8x2": return new VectorGemm8x2();
            case "6x2": return new VectorGemm6x2();
            default: throw new IllegalArgumentException("-D" + TILE_PROPERTY + "=" + forced + ": expected 8x2 or 6x2");
        }
    }

    /** Public for reflective construction by the provider. */
    public VectorKernels() {}

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public int vectorBitSize() {
        return S.vectorBitSize();
    }

    @Override
    public GemmMicroKernel gemmMicroKernel() {
        return micro;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        float s = 0f;
        if (n >= L) {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            for (; i <= n - 2 * L; i += 2 * L) {
                acc0 = FloatVector.fromArray(S, x, xOff + i)
                        .fma(FloatVector.fromArray(S, y, yOff + i), acc0);
                acc1 = FloatVector.fromArray(S, x, xOff + i + L)
                        .fma(FloatVector.fromArray(S, y, yOff + i + L), acc1);
            }
            for (; i <= n - L; i += L) {
                acc0 = FloatVector.fromArray(S, x, xOff + i)
                        .fma(FloatVector.fromArray(S, y, yOff + i), acc0);
            }
            s = sumLanes(acc0.add(acc1));
        }
        for (; i < n; i++) s = Math.fma(x[xOff + i], y[yOff + i], s);
        return s;
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        FloatVector av = FloatVector.broadcast(S, a);
        for (; i <= n - L; i += L) {
            av.fma(FloatVector.fromArray(S, x, xOff + i), FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
    }

    @Override
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(a).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = a * x[xOff + i];
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(z, zOff + i);
        }
        for (; i < n; i++) z[zOff + i] = x[xOff + i] + y[yOff + i];
    }

    @Override
    public void mul(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(FloatVector.fromArray(S, y, yOff + i))
                    .intoArray(z, zOff + i);
        }
        for (; i < n; i++) z[zOff + i] = x[xOff + i] * y[yOff + i];
    }

    @Override
    public float sum(float[] x, int xOff, int n) {
        int i = 0;
        float s = 0f;
        if (n >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; i <= n - L; i += L) acc = acc.add(FloatVector.fromArray(S, x, xOff + i));
            s = sumLanes(acc);
        }
        for (; i < n; i++) s += x[xOff + i];
        return s;
    }

    @Override
    public float max(float[] x, int xOff, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            // Starts from the first vector, not a broadcast -infinity: inlined into a large
            // caller (attention's per-head task), the broadcast form fell back to the Java
            // implementation of MAX, a quarter of the teacher's attention time.
            FloatVector acc = FloatVector.fromArray(S, x, xOff);
            for (i = L; i <= n - L; i += L) acc = acc.max(FloatVector.fromArray(S, x, xOff + i));
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) m = Math.max(m, x[xOff + i]);
        return m;
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (; i <= n - L; i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = Math.max(x[xOff + i], 0f);
    }

    @Override
    public void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (; i <= n - L; i += L) {
            FloatVector g = FloatVector.fromArray(S, dy, dyOff + i);
            zero.blend(g, FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.GT, 0f))
                    .intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) dx[dxOff + i] = x[xOff + i] > 0f ? dy[dyOff + i] : 0f;
    }

    /**
     * Bit casts between float and int lanes name this species and {@link #S} explicitly
     * ({@code reinterpretShape(INTS, 0)}), never {@code reinterpretAsInts()} / {@code
     * reinterpretAsFloats()}: those look the target species up inside the JDK, and when C2 did
     * not fold that lookup to a constant (it depends on what was compiled before) the cast and
     * every operation after it ran as Java fallbacks, about 30 times slower: seen as exp's and
     * maskedScale's stores running {@code FloatVector.stOp} in a teacher training step on JDK 17.
     */
    private static final VectorSpecies<Integer> INTS = S.withLanes(int.class);
    /** Lane j holds 1 << j: picks lane j's bit out of a broadcast word of mask bits. */
    private static final IntVector LANE_BITS = laneBits();

    private static IntVector laneBits() {
        int[] b = new int[L];
        for (int j = 0; j < L; j++) b[j] = 1 << j;
        return IntVector.fromArray(INTS, b, 0);
    }

    @Override
    public void maskedScale(long[] bits, int bitsOff, float a, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        // L divides 64, so a vector's L bits never straddle two words. A lane's bit, isolated
        // and negated, is negative exactly when set; shifted right arithmetically by 31 it is
        // the all-ones or all-zeros mask of the product's bits.
        for (; i <= n - L; i += L) {
            int word = (int) (bits[bitsOff + (i >>> 6)] >>> (i & 63));
            IntVector all = IntVector.broadcast(INTS, word).and(LANE_BITS).neg()
                    .lanewise(VectorOperators.ASHR, 31);
            IntVector product = (IntVector) FloatVector.fromArray(S, x, xOff + i).mul(a).reinterpretShape(INTS, 0);
            ((FloatVector) product.and(all).reinterpretShape(S, 0)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            int all = -((int) (bits[bitsOff + (i >>> 6)] >>> (i & 63)) & 1);
            y[yOff + i] = Float.intBitsToFloat(Float.floatToRawIntBits(a * x[xOff + i]) & all);
        }
    }

    /**
     * Vector lanes, added in lane order. {@code reduceLanes(ADD)} may add them in a different
     * order compiled than interpreted, which changed the last bits of a sum between a cold and
     * a warm call (seen on JDK 25); this order is the same in both.
     */
    private static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) s += v.lane(i);
        return s;
    }

    // exp(x) = 2^n * exp(r), n = round(x / ln 2), r = x - n ln 2 (Cody-Waite, two parts), and
    // exp(r) by the Cephes expf polynomial. Only add, mul, fma and integer ops, so the bits are
    // the same interpreted and compiled, on every JDK (the EXP intrinsic is not: its fallback
    // and SVML differ in the last bit).
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds to the nearest integer. */
    private static final float ROUNDER = 12582912f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    /** Below, exp underflows to 0; above, it overflows to infinity (clamping keeps n small). */
    private static final float EXP_MIN_ARG = -104f, EXP_MAX_ARG = 89f;

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        FloatVector minusLn2Hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector minusLn2Lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector p2 = FloatVector.broadcast(S, P2), p3 = FloatVector.broadcast(S, P3);
        FloatVector p4 = FloatVector.broadcast(S, P4), p5 = FloatVector.broadcast(S, P5);
        for (; i <= n - L; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i).max(EXP_MIN_ARG).min(EXP_MAX_ARG);
            FloatVector k = v.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
            FloatVector r = k.fma(minusLn2Hi, v);
            r = k.fma(minusLn2Lo, r);
            FloatVector p = r.fma(P0, P1).fma(r, p2).fma(r, p3).fma(r, p4).fma(r, p5);
            p = p.fma(r.mul(r), r).add(1f);
            // 2^k as two exact powers of two, so k in [-150, 129] never leaves the exponent
            // range. 2^j for an integer-valued float j: j + (1.5 * 2^23 + 127) holds j + 127 in
            // its low mantissa bits; times 2^23 as an int moves them into the exponent field.
            FloatVector k1 = k.mul(0.5f).add(ROUNDER).sub(ROUNDER);
            FloatVector k2 = k.sub(k1);
            FloatVector two1 = (FloatVector) ((IntVector) k1.add(ROUNDER + 127f).reinterpretShape(INTS, 0))
                    .mul(1 << 23).reinterpretShape(S, 0);
            FloatVector two2 = (FloatVector) ((IntVector) k2.add(ROUNDER + 127f).reinterpretShape(INTS, 0))
                    .mul(1 << 23).reinterpretShape(S, 0);
            p.mul(two1).mul(two2).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
    }
}
