package org.fglecg.tensor.kernel;

/**
 * Run in a forked {@code -Xint} JVM by {@link ColdWarmTest}: prints the bits of the vector
 * kernels' exp, sum and dot of {@link #input()}, as the interpreter computes them.
 */
public final class ColdWarmMain {
    static final int N = 1000;

    public static void main(String[] args) {
        System.out.println(fingerprint(Kernels.vector()));
    }

    static float[] input() {
        float[] x = new float[N];
        long s = 12345;
        for (int i = 0; i < N; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            x[i] = ((s >>> 40) / (float) (1 << 24)) * 180f - 95f; // [-95, 85): under- and overflow too
        }
        return x;
    }

    /** exp of every element, then the sum and the dot product, as hex bits. */
    static String fingerprint(Kernels k) {
        float[] x = input();
        float[] y = new float[N];
        k.exp(x, 0, y, 0, N);
        StringBuilder sb = new StringBuilder();
        for (float v : y) sb.append(Integer.toHexString(Float.floatToRawIntBits(v))).append(' ');
        sb.append("sum=").append(Integer.toHexString(Float.floatToRawIntBits(k.sum(x, 0, N))));
        sb.append(" dot=").append(Integer.toHexString(Float.floatToRawIntBits(k.dot(x, 0, x, 0, N))));
        return sb.toString();
    }
}
