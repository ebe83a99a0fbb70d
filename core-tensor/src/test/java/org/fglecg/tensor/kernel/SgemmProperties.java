package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * SGEMM against EJML (in double) over random shapes, every transposition case, strides,
 * offsets, alpha and beta; vector against scalar; same bits for any thread count.
 */
class SgemmProperties {
    private static final Sgemm SCALAR = new Sgemm(Kernels.scalar());
    private static final Sgemm VECTOR = new Sgemm(Kernels.vector());

    @Provide
    Arbitrary<Integer> dim() {
        return Arbitraries.oneOf(Arbitraries.of(1, 7, 25, 91, 129, 384), Arbitraries.integers().between(1, 200));
    }

    @Provide
    Arbitrary<Float> coefficient() {
        return Arbitraries.of(1f, 0f, 0.5f, -1.5f);
    }

    @Property(tries = 120)
    void matchesEjml(@ForAll("dim") int m, @ForAll("dim") int n, @ForAll("dim") int k,
                     @ForAll boolean transA, @ForAll boolean transB,
                     @ForAll("coefficient") float alpha, @ForAll("coefficient") float beta,
                     @ForAll long seed) {
        Problem p = new Problem(transA, transB, m, n, k, alpha, beta, new Random(seed));
        double[] want = p.reference();
        for (Sgemm impl : new Sgemm[] {SCALAR, VECTOR}) {
            float[] got = p.run(impl);
            p.assertClose(want, got, impl.kernels().name());
        }
    }

    @Property(tries = 40)
    void vectorAndScalarAgree(@ForAll("dim") int m, @ForAll("dim") int n, @ForAll("dim") int k,
                              @ForAll boolean transA, @ForAll boolean transB, @ForAll long seed) {
        Problem p = new Problem(transA, transB, m, n, k, 1.25f, 0.5f, new Random(seed));
        float[] scalar = p.run(SCALAR);
        float[] vector = p.run(VECTOR);
        // Both micro-kernels run the same FMA chain per element, on every path.
        assertArrayEquals(scalar, vector, p.toString());
    }

    @Test
    void sameBitsForAnyThreadCount() {
        int saved = Parallel.threads();
        try {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    Problem p = new Problem(ta, tb, 129, 391, 300, 1f, 0.5f, new Random(7));
                    Parallel.setThreads(1);
                    float[] one = p.run(VECTOR);
                    for (int t = 2; t <= 5; t++) {
                        Parallel.setThreads(t);
                        assertArrayEquals(one, p.run(VECTOR), "threads=" + t + " " + p);
                        assertArrayEquals(one, p.run(VECTOR), "second run, threads=" + t + " " + p);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void betaZeroDoesNotReadC() {
        for (Sgemm impl : new Sgemm[] {SCALAR, VECTOR}) {
            for (int size : new int[] {5, 100}) {
                float[] a = new float[size * size];
                float[] b = new float[size * size];
                java.util.Arrays.fill(a, 1f);
                java.util.Arrays.fill(b, 2f);
                float[] c = new float[size * size];
                java.util.Arrays.fill(c, Float.NaN);
                impl.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
                for (float v : c) assertEquals(2f * size, v, impl.kernels().name() + " size " + size);
            }
        }
    }

    @Test
    void emptyKScalesC() {
        float[] c = {1f, 2f, 3f, 4f};
        VECTOR.sgemm(false, false, 2, 2, 0, 1f, new float[0], 0, 1, new float[0], 0, 2, 3f, c, 0, 2);
        assertArrayEquals(new float[] {3f, 6f, 9f, 12f}, c);
    }

    @Test
    void operandTooSmallNamesIt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 4, 5, 6, 1f, new float[24], 0, 6,
                        new float[29], 0, 6, 0f, new float[20], 0, 5));
        assertTrue(e.getMessage().contains("B stored 5 x 6"), e.getMessage());
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }

    /** One random problem with padded strides and offsets; C's padding must stay untouched. */
    static final class Problem {
        final boolean transA, transB;
        final int m, n, k, lda, ldb, ldc, aOff, bOff, cOff;
        final float alpha, beta;
        final float[] a, b, c0;

        Problem(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta, Random r) {
            this.transA = transA; this.transB = transB;
            this.m = m; this.n = n; this.k = k; this.alpha = alpha; this.beta = beta;
            lda = (transA ? m : k) + r.nextInt(3);
            ldb = (transB ? k : n) + r.nextInt(3);
            ldc = n + r.nextInt(3);
            aOff = r.nextInt(4); bOff = r.nextInt(4); cOff = r.nextInt(4);
            a = random(r, aOff + (transA ? k : m) * lda);
            b = random(r, bOff + (transB ? n : k) * ldb);
            c0 = random(r, cOff + m * ldc);
        }

        private static float[] random(Random r, int len) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) x[i] = (float) (r.nextGaussian());
            return x;
        }

        float[] run(Sgemm impl) {
            float[] c = c0.clone();
            impl.sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return c;
        }

        /** Expected C (padding included) from EJML in double. */
        double[] reference() {
            DMatrixRMaj am = dense(a, aOff, lda, transA ? k : m, transA ? m : k);
            DMatrixRMaj bm = dense(b, bOff, ldb, transB ? n : k, transB ? k : n);
            DMatrixRMaj prod = new DMatrixRMaj(m, n);
            if (transA && transB) CommonOps_DDRM.multTransAB(am, bm, prod);
            else if (transA) CommonOps_DDRM.multTransA(am, bm, prod);
            else if (transB) CommonOps_DDRM.multTransB(am, bm, prod);
            else CommonOps_DDRM.mult(am, bm, prod);
            double[] want = toDouble(c0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    int ci = cOff + i * ldc + j;
                    want[ci] = alpha * prod.get(i, j) + (beta == 0f ? 0.0 : beta * (double) c0[ci]);
                }
            }
            return want;
        }

        private static DMatrixRMaj dense(float[] x, int off, int ld, int rows, int cols) {
            DMatrixRMaj d = new DMatrixRMaj(rows, cols);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) d.set(i, j, x[off + i * ld + j]);
            }
            return d;
        }

        /** Float error bound: about k roundings of terms no bigger than the sum of |products|. */
        void assertClose(double[] want, float[] got, String what) {
            assertEquals(want.length, got.length);
            double tol = (k + 4) * 0x1p-23 * 4.0 * Math.sqrt(k) * Math.max(1f, Math.abs(alpha))
                    + 0x1p-20 * Math.abs(beta);
            for (int i = 0; i < want.length; i++) {
                if (Math.abs(want[i] - got[i]) > tol + 1e-6 * Math.abs(want[i])) {
                    throw new AssertionError(what + " " + this + ": C[" + i + "] = " + got[i]
                            + ", expected " + want[i] + " (tolerance " + tol + ")");
                }
            }
        }

        @Override
        public String toString() {
            return "sgemm(transA=" + transA + ", transB=" + transB + ", m=" + m + ", n=" + n + ", k=" + k
                    + ", alpha=" + alpha + ", beta=" + beta + ", lda=" + lda + ", ldb=" + ldb + ", ldc=" + ldc
                    + ", offsets " + aOff + "/" + bOff + "/" + cOff + ")";
        }
    }
}
