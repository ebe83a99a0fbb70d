package org.fglecg.ecg.stream;

/**
 * A streaming rational resampler from any rate in [{@value #MIN_RATE}, {@value #MAX_RATE}] Hz to
 * another, by a polyphase windowed-sinc FIR: conceptually upsample by L, low-pass, keep every
 * M-th sample, where L / M = outRate / inRate in lowest terms. The low-pass cuts at 0.45 times
 * the lower of the two rates, Kaiser window (beta 8), {@value #TAPS_PER_PHASE} taps per output
 * sample when upsampling. Measured (ResamplerTest): a 40 Hz tone comes through within 1e-4 of
 * its amplitude from 125-1000 Hz to 360 Hz; from 1000 Hz to 360 Hz, a tone 10 Hz past the
 * output's Nyquist frequency is 71 dB down, 20 Hz past it 86 dB.
 *
 * <p>Output sample k is the signal at time k / outRate, the same instant as input sample
 * k * inRate / outRate: the filter is centred, so it is emitted once the input has reached
 * {@link #delay()} samples past that instant. Before the first sample the input counts as
 * zeros. Equal rates pass samples through unchanged. Allocation-free after construction; the
 * output does not depend on how the input is cut into chunks.
 */
public final class Resampler {
    public static final int MIN_RATE = 125, MAX_RATE = 1000;
    static final int TAPS_PER_PHASE = 32;
    private static final double BETA = 8, CUTOFF = 0.45;

    private final int inRate, outRate, up, down, half;
    private final float[] h;       // the prototype filter at the rate inRate * up, h[m + half], |m| <= half
    private final float[] ring;    // the last input samples
    private long received, emitted;

    public Resampler(int inRate, int outRate) {
        checkRate("input", inRate);
        checkRate("output", outRate);
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        up = outRate / g;
        down = inRate / g;
        if (inRate == outRate) {
            half = 0;
            h = new float[] {1f};
        } else {
            half = TAPS_PER_PHASE / 2 * Math.max(up, down);
            h = design(up, Math.max(up, down), half);
        }
        ring = new float[Integer.highestOneBit(2 * half / up + 4) << 1];
    }

    private static void checkRate(String which, int rate) {
        if (rate < MIN_RATE || rate > MAX_RATE)
            throw new IllegalArgumentException(which + " sampling rate " + rate + " Hz is outside the supported "
                    + MIN_RATE + "-" + MAX_RATE + " Hz");
    }

    /** Kaiser-windowed sinc at the high rate, cut at CUTOFF / max(up, down) of it, DC gain up. */
    private static float[] design(int up, int wider, int half) {
        double fc = CUTOFF / wider, i0Beta = besselI0(BETA);
        double[] d = new double[2 * half + 1];
        double sum = 0;
        for (int m = -half; m <= half; m++) {
            double x = 2 * fc * m, sinc = m == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double r = (double) m / half, win = besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            d[m + half] = 2 * fc * sinc * win;
            sum += d[m + half];
        }
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) (d[i] * up / sum);   // zero-stuffing loses 1/up
        return out;
    }

    private static double besselI0(double x) {
        double term = 1, sum = 1;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
        }
        return sum;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Input samples past an output sample's instant that must arrive before it is emitted. */
    public int delay() {
        return half / up;
    }

    public void push(float[] x, int off, int len, SampleSink sink) {
        for (int i = 0; i < len; i++) {
            ring[(int) (received & (ring.length - 1))] = x[off + i];
            received++;
            emitReady(sink);
        }
    }

    /**
     * Output k needs inputs up to floor((k * down + half) / up): emits every output whose last
     * input has arrived.
     */
    private void emitReady(SampleSink sink) {
        while (true) {
            long centre = emitted * down;                   // output k's instant on the high-rate grid
            long last = Math.floorDiv(centre + half, up);   // its last input
            if (last >= received) return;
            long first = Math.floorDiv(centre - half + up - 1, up);
            double acc = 0;
            for (long i = Math.max(first, 0); i <= last; i++)
                acc += h[(int) (centre - i * up + half)] * ring[(int) (i & (ring.length - 1))];
            sink.sample(emitted++, (float) acc);
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
