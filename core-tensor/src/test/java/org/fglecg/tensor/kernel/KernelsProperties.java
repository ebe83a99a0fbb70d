package org.fglecg.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Each primitive of both implementations against its definition, over lengths and offsets. */
class KernelsProperties {
    private static final Kernels[] IMPLS = {Kernels.scalar(), Kernels.vector()};

    @Property(tries = 60)
    void primitivesMatchTheirDefinitions(@ForAll @IntRange(min = 0, max = 300) int n,
                                         @ForAll @IntRange(min = 0, max = 5) int off,
                                         @ForAll long seed) {
        Random r = new Random(seed);
        float[] x = random(r, off + n), y = random(r, off + n);
        float a = (float) r.nextGaussian();
        for (Kernels kern : IMPLS) {
            String who = kern.name() + " n=" + n + " off=" + off;
            double dot = 0, sum = 0, absDot = 0, absSum = 0;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                dot += (double) x[off + i] * y[off + i];
                absDot += Math.abs((double) x[off + i] * y[off + i]);
                sum += x[off + i];
                absSum += Math.abs(x[off + i]);
                max = Math.max(max, x[off + i]);
            }
            assertEquals(dot, kern.dot(x, off, y, off, n), 1e-6 * (n + 1) * absDot + 1e-30, "dot " + who);
            assertEquals(sum, kern.sum(x, off, n), 1e-6 * (n + 1) * absSum + 1e-30, "sum " + who);
            assertEquals(max, kern.max(x, off, n), "max " + who);

            float[] z = new float[off + n];
            kern.add(x, off, y, off, z, off, n);
            for (int i = 0; i < n; i++) assertEquals(x[off + i] + y[off + i], z[off + i], "add " + who);
            kern.mul(x, off, y, off, z, off, n);
            for (int i = 0; i < n; i++) assertEquals(x[off + i] * y[off + i], z[off + i], "mul " + who);
            kern.scale(a, x, off, z, off, n);
            for (int i = 0; i < n; i++) assertEquals(a * x[off + i], z[off + i], "scale " + who);
            float[] yy = y.clone();
            kern.axpy(a, x, off, yy, off, n);
            for (int i = 0; i < n; i++) assertEquals(Math.fma(a, x[off + i], y[off + i]), yy[off + i], "axpy " + who);
            kern.relu(x, off, z, off, n);
            for (int i = 0; i < n; i++) assertEquals(Math.max(x[off + i], 0f), z[off + i], "relu " + who);
            kern.reluBackward(x, off, y, off, z, off, n);
            for (int i = 0; i < n; i++) assertEquals(x[off + i] > 0 ? y[off + i] : 0f, z[off + i], "reluBackward " + who);
            long[] bits = new long[1 + (n + 63) / 64];
            for (int w = 0; w < bits.length; w++) bits[w] = r.nextLong();
            float[] xs = x.clone();
            if (n > 1) { xs[off] = Float.NaN; xs[off + 1] = -0f; }
            kern.maskedScale(bits, 1, a, xs, off, z, off, n);
            for (int i = 0; i < n; i++) {
                boolean set = (bits[1 + i / 64] >>> (i % 64) & 1) == 1;
                assertEquals(Float.floatToRawIntBits(set ? a * xs[off + i] : 0f), Float.floatToRawIntBits(z[off + i]),
                        "maskedScale element " + i + " " + who);
            }
            float[] big = new float[off + n];
            for (int i = 0; i < big.length; i++) big[i] = (float) (r.nextDouble() * 170 - 85);
            kern.exp(big, off, z, off, n);
            for (int i = 0; i < n; i++) {
                float want = (float) Math.exp(big[off + i]);
                assertEquals(want, z[off + i], 2 * Math.ulp(want), "exp(" + big[off + i] + ") " + who);
            }
        }
    }

    @Test
    void reductionEdgeCases() {
        for (Kernels kern : IMPLS) {
            assertEquals(0f, kern.sum(new float[0], 0, 0));
            assertEquals(Float.NEGATIVE_INFINITY, kern.max(new float[0], 0, 0));
            float[] withNaN = new float[40];
            withNaN[33] = Float.NaN;
            assertEquals(Float.NaN, kern.max(withNaN, 0, 40), kern.name());
            withNaN[3] = Float.NaN;
            assertEquals(Float.NaN, kern.max(withNaN, 0, 40), kern.name());
            float[] relu = new float[40];
            kern.relu(withNaN, 0, relu, 0, 40);
            assertEquals(Float.NaN, relu[3], kern.name() + ": relu keeps NaN");
        }
    }

    @Test
    void inPlaceAliasingWorks() {
        for (Kernels kern : IMPLS) {
            float[] x = new float[37];
            for (int i = 0; i < x.length; i++) x[i] = i - 18;
            kern.relu(x, 0, x, 0, x.length);
            for (int i = 0; i < x.length; i++) assertEquals(Math.max(i - 18, 0), x[i], kern.name());
            kern.scale(2f, x, 0, x, 0, x.length);
            kern.add(x, 0, x, 0, x, 0, x.length);
            for (int i = 0; i < x.length; i++) assertEquals(4 * Math.max(i - 18, 0), x[i], kern.name());
        }
    }

    @Test
    void vectorKernelsAreVector() {
        assertEquals("vector", Kernels.vector().name());
        assertEquals("scalar", Kernels.scalar().name());
        assertArrayEquals(new float[0], new float[0]);
    }

    private static float[] random(Random r, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
