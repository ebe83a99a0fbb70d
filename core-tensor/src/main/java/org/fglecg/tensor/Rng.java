package org.fglecg.tensor;

/**
 * SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014): a 64-bit counter advanced by the golden-ratio gamma and a finalising mix. Pure integer
 * arithmetic, so a seed gives the same stream bit for bit on every JVM. Not thread-safe: give
 * each thread or layer its own generator via {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), unbiased (rejection of the partial last block, as java.util.Random). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        int r = (int) (nextLong() >>> 33); // 31 bits
        int m = bound - 1;
        if ((bound & m) == 0) return (int) ((bound * (long) r) >> 31);
        for (int u = r; u - (r = u % bound) + m < 0; u = (int) (nextLong() >>> 33)) {
            // retry: u fell in the incomplete last block of size 2^31 mod bound
        }
        return r;
    }

    /** Uniform in [0, 1) with 24 random bits (every float of the form k * 2^-24). */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * A standard normal sample by Box-Muller. Each call draws exactly two uniforms and returns
     * the cosine branch; the sine branch is discarded rather than cached, so the stream position
     * after n calls is always 2n draws, whatever was called in between.
     */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log is finite
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /**
     * An independent child generator seeded by this generator's next output (advancing this
     * one by one draw), so a layer can own its stream without disturbing its siblings' order.
     */
    public Rng split() {
        return new Rng(mix64(nextLong()));
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
