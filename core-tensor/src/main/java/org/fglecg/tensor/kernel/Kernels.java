package org.fglecg.tensor.kernel;

/**
 * The hot element-wise and reduction primitives, plus the SGEMM micro-kernel, behind one
 * interface with two implementations: {@link ScalarKernels} (plain Java, always available) and
 * {@code org.fglecg.tensor.simd.VectorKernels} (JDK Vector API, loaded reflectively only when
 * {@link KernelsProvider} decides it is usable).
 *
 * <p>Every array argument is a {@code float[]} plus an offset; {@code n} is the element count.
 * Outputs may alias inputs exactly (same array and offset), never partially.
 */
public interface Kernels {

    /** The implementation chosen once at start-up (see {@link KernelsProvider}). */
    static Kernels get() {
        return KernelsProvider.CHOSEN;
    }

    /** The plain-Java implementation. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /**
     * The Vector API implementation, whatever the provider chose.
     *
     * @throws IllegalStateException when {@code jdk.incubator.vector} is not in the boot layer
     */
    static Kernels vector() {
        return KernelsProvider.vector();
    }

    /** "scalar" or "vector". */
    String name();

    /** Width of the SIMD registers the kernels use: the preferred species, or 32 for scalar. */
    int vectorBitSize();

    /** The register-tiled micro-kernel SGEMM is built on. */
    GemmMicroKernel gemmMicroKernel();

    /** Sum of x[i] * y[i]. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** y[i] += a * x[i] (fused multiply-add). */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** y[i] = a * x[i]. */
    void scale(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** z[i] = x[i] + y[i]. */
    void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);

    /** z[i] = x[i] * y[i]. */
    void mul(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);

    /**
     * y[i] = a * x[i] where bit {@code i % 64} of {@code bits[bitsOff + i / 64]} is set, else +0
     * (exactly, whatever x[i] is): a dropout mask stored one bit per element.
     */
    void maskedScale(long[] bits, int bitsOff, float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** Sum of x[i] (summation order is implementation-defined but fixed). 0 when n is 0. */
    float sum(float[] x, int xOff, int n);

    /** Largest x[i]; NaN if any is NaN; -infinity when n is 0. */
    float max(float[] x, int xOff, int n);

    /** y[i] = max(x[i], 0) (NaN stays NaN, like PyTorch). */
    void relu(float[] x, int xOff, float[] y, int yOff, int n);

    /** dx[i] = x[i] > 0 ? dy[i] : 0, where x is the ReLU's input. */
    void reluBackward(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /** y[i] = exp(x[i]); within 2 ulp of {@link Math#exp}. */
    void exp(float[] x, int xOff, float[] y, int yOff, int n);
}
