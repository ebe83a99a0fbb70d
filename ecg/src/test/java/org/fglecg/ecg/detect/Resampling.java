package org.fglecg.ecg.detect;

/**
 * Band-limited resampling for the tests: each output sample is a Hann-windowed sinc
 * interpolation of the input, with the cut-off at 0.45 of the lower of the two rates, so that
 * decimation does not alias and interpolation adds no images.
 */
final class Resampling {
    private Resampling() {}

    private static final int HALF_WIDTH = 16; // zero crossings of the sinc on each side

    static float[] resample(float[] x, double fsIn, double fsOut) {
        double cutoff = 0.45 * Math.min(fsIn, fsOut);
        double step = fsIn / fsOut;
        int n = (int) Math.floor((x.length - 1) / step) + 1;
        float[] y = new float[n];
        double reach = HALF_WIDTH * fsIn / (2 * cutoff); // input samples covered on each side
        double scale = 2 * cutoff / fsIn;
        for (int i = 0; i < n; i++) {
            double t = i * step;
            int lo = (int) Math.max(0, Math.ceil(t - reach)), hi = (int) Math.min(x.length - 1, Math.floor(t + reach));
            double s = 0;
            for (int k = lo; k <= hi; k++) {
                double u = (k - t) * scale;
                double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
                double w = 0.5 + 0.5 * Math.cos(Math.PI * (k - t) / reach);
                s += x[k] * sinc * w;
            }
            y[i] = (float) (s * scale);
        }
        return y;
    }
}
