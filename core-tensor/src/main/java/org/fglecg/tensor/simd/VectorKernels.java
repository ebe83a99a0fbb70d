package org.fglecg.tensor.simd;

import jdk.incubator.vector.FloatVector;
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
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * AVX-512 has 32 vector registers: an 8 x 2 tile (16 accumulators) divides the typical
     * 128-row weights evenly; AVX2 has 16, so 6 x 2 (12 accumulators) avoids spills.
     */
    private final GemmMicroKernel micro =
            S.vectorBitSize() >= 512 ? new VectorGemm8x2() : new VectorGemm6x2();

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
            s = sumLanesInOrder(acc0.add(acc1));
        }
        for (; i < n; i++) s = Math.fma(x[xOff + i], y[yOff + i], s);
        return s;
    }

    /**
     * Lane 0 + lane 1 + ... in that order. Not reduceLanes(ADD): its float order is unspecified
     * and differs between the C2 intrinsic and the Java fallback, so results changed with JIT
     * timing (two identical training runs gave different losses).
     */
    private static float sumLanesInOrder(FloatVector v) {
        float s = 0f;
        for (int j = 0; j < L; j++) s += v.lane(j);
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
            s = sumLanesInOrder(acc);
        }
        for (; i < n; i++) s += x[xOff + i];
        return s;
    }

    @Override
    public float max(float[] x, int xOff, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i <= n - L; i += L) acc = acc.max(FloatVector.fromArray(S, x, xOff + i));
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
     * Scalar Math.exp, on purpose: lanewise(EXP) is SVML once C2 compiles it and Math.exp per
     * lane before, so its last bits changed with JIT timing and identical runs diverged.
     */
    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] = (float) Math.exp(x[xOff + i]);
    }
}
