package org.fglecg.tensor.kernel;

/**
 * Run in a forked JVM by {@link ScalarPathTest}: multiplies a packed-path and a small-path
 * product through {@link Gemm} and checks them against a double triple loop. Prints the chosen
 * kernels; exits 1 on a wrong element.
 */
public final class ScalarPathMain {
    public static void main(String[] args) {
        int[][] shapes = {{100, 120, 130}, {25, 91, 25}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) a[i] = (i % 13) - 6;
            for (int i = 0; i < b.length; i++) b[i] = (i % 7) - 3;
            Gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double want = 0;
                    for (int p = 0; p < k; p++) want += (double) a[i * k + p] * b[p * n + j];
                    if (c[i * n + j] != want) { // small integers: exact in float
                        System.out.println("wrong C[" + i + "][" + j + "] = " + c[i * n + j] + ", expected " + want);
                        System.exit(1);
                    }
                }
            }
        }
        System.out.println("kernels=" + Kernels.get().name() + " products ok");
    }
}
