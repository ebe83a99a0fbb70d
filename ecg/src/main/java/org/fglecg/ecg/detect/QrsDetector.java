package org.fglecg.ecg.detect;

import java.util.Arrays;

/**
 * A causal QRS detector after Hamilton and Tompkins, "Quantitative investigation of QRS
 * detection rules using the MIT/BIH arrhythmia database", IEEE Trans. Biomed. Eng. 33(12),
 * 1986, which refines Pan and Tompkins, "A real-time QRS detection algorithm", IEEE Trans.
 * Biomed. Eng. 32(3), 1985. Implemented from the papers' description; every time constant is
 * given in seconds and turned into samples from the sampling rate, so the same detector runs
 * from 125 to 1000 Hz.
 *
 * <p>The stages, one sample at a time:
 * <ol>
 *   <li>band-pass of about 5 to 12 Hz ({@link QrsBandPass}), linear phase;</li>
 *   <li>derivative over about 20 ms and its absolute value;</li>
 *   <li>moving-window integration over about 80 ms, the feature signal;</li>
 *   <li>peak detection on the feature: a peak is a local maximum the feature then falls to
 *       half of, or that stays the maximum for 95 ms;</li>
 *   <li>a peak is held 250 ms (the papers hold 200 ms): a larger peak
 *       within that time replaces it, so one QRS gives one candidate; beats are never closer
 *       than the 200 ms refractory period;</li>
 *   <li>a candidate is a QRS if it exceeds the detection threshold
 *       {@code noise + 0.3125 (qrs - noise)}, where qrs and noise are the medians of the last
 *       eight QRS and noise peak heights (Hamilton-Tompkins' best rule set), unless it is a
 *       baseline shift (its derivative lacks one of the two opposite slopes a QRS has within
 *       150 ms) or a T wave (within 360 ms of the last QRS with less than half its maximum
 *       slope, Pan-Tompkins' rule);</li>
 *   <li>search-back: when no QRS has been found for 1.5 mean RR intervals, the largest noise
 *       peak since 360 ms after the last QRS is taken as a QRS if it exceeds half the
 *       threshold.</li>
 * </ol>
 * The detector learns its first thresholds from the first 8 s (the largest feature value of
 * each second as QRS heights, no noise, RR intervals of 1 s), then runs the stored 8 s again
 * with them, so beats at the very start are not lost.
 *
 * <p>A beat is placed at the largest absolute band-passed sample near the feature peak, moved
 * back by the band-pass delay: for an upright or inverted R wave that is the R peak.
 *
 * <p><b>Delay.</b> The detector is causal: a beat is reported only from samples up to the
 * sample at which it is reported. A beat found by the threshold rule is reported
 * {@link #typicalDelaySeconds()} (band-pass, derivative and integration delays and the 250 ms
 * hold) after its R peak, plus up to 95 ms for the peak to be confirmed, at most
 * {@link #maxThresholdDelaySeconds()}; a search-back beat is reported when the search-back
 * interval (1.5 mean RR) has run out, so up to about 1.5 RR intervals late; beats in the first
 * 8 s are reported when the learning period ends, at 8 s. At 360 Hz the threshold-rule delay
 * is 0.41 to 0.57 s.
 */
public final class QrsDetector {
    /** Learning period before the first thresholds exist. */
    static final double LEARNING_SECONDS = 8.0;
    /** Hamilton-Tompkins' threshold coefficient for median QRS and noise levels. */
    static final double THRESHOLD_COEFFICIENT = 0.3125;
    /**
     * How long a peak is held for a larger one. Pan-Tompkins and Hamilton-Tompkins use 200 ms;
     * 250 ms was measured better on MIT-BIH (large P waves 220 ms before the QRS in record 108
     * were taken as beats), see docs/DETECTION.md.
     */
    static final double HOLD_SECONDS = 0.25;
    private static final int HISTORY = 8;

    private final double fs;
    private final int derivativeSpan, integrationLength, featureDelay, bandPassDelay;
    private final int peakTimeout, hold, refractory, tWaveWindow, blsWindow, locateMargin;

    // Stages.
    private QrsBandPass bandPass;
    private DelayLine derivativeDelay;
    private MovingSum integrator;
    /** Recent band-passed samples and derivatives, indexed by input sample number. */
    private final double[] bandPassed, derivative;
    private final int ringMask;

    // Learning.
    private final double[] learningInput;
    private final double[] secondMaxima = new double[(int) LEARNING_SECONDS];
    private boolean learning = true;

    // Peak detection and hold.
    private double peakMax, lastFeature;
    private long peakMaxAt = -1;
    private double heldPeak;
    private long heldAt = -1, holdEnds = -1;

    // Decision state.
    private final double[] qrsLevels = new double[HISTORY], noiseLevels = new double[HISTORY];
    private final double[] sortScratch = new double[HISTORY];
    private final long[] rrIntervals = new long[HISTORY];
    private int qrsPos, noisePos, rrPos;
    private double threshold;
    private long lastQrs = -1, lastQrsLocation = -1;
    private double lastQrsSlope;
    private double searchBackPeak;
    private long searchBackLocation = -1;
    private double searchBackSlope;
    private long searchBackFeatureTime;

    private long n = -1; // input sample number of the latest sample
    private double lastInput;
    private boolean finished;
    private long[] beats = new long[64];
    private int beatCount;

    /** A detector for a signal sampled at {@code fs} Hz (125 to 1000 Hz tested; physical units). */
    public QrsDetector(double fs) {
        if (!(fs >= 50 && fs <= 10_000)) throw new IllegalArgumentException("sampling rate " + fs + " Hz outside 50..10000 Hz");
        this.fs = fs;
        derivativeSpan = Math.max(1, (int) Math.round(0.01 * fs));
        integrationLength = QrsBandPass.odd(0.08 * fs);
        bandPassDelay = new QrsBandPass(fs).delay();
        featureDelay = bandPassDelay + derivativeSpan + (integrationLength - 1) / 2;
        peakTimeout = samples(0.095);
        hold = samples(HOLD_SECONDS);
        refractory = samples(0.2);
        tWaveWindow = samples(0.36);
        blsWindow = samples(0.15);
        locateMargin = samples(0.03);
        int ring = Integer.highestOneBit((int) Math.ceil(2 * fs)) << 1;
        bandPassed = new double[ring];
        derivative = new double[ring];
        ringMask = ring - 1;
        learningInput = new double[(int) Math.round(LEARNING_SECONDS * fs)];
        resetStages();
    }

    private int samples(double seconds) {
        return Math.max(1, (int) Math.round(seconds * fs));
    }

    private void resetStages() {
        bandPass = new QrsBandPass(fs);
        derivativeDelay = new DelayLine(2 * derivativeSpan);
        integrator = new MovingSum(integrationLength);
        Arrays.fill(bandPassed, 0);
        Arrays.fill(derivative, 0);
        n = -1;
    }

    /** Detects the beats of a whole signal (physical units, e.g. mV): their R-peak sample numbers. */
    public static long[] detect(float[] signal, double fs) {
        QrsDetector d = new QrsDetector(fs);
        for (float x : signal) d.next(x);
        d.finish();
        return d.beats();
    }

    /**
     * Ends the input: decides the peaks still pending, as if the last sample went on for as
     * long as a beat takes to be reported (a constant adds no slope, hence no beat). A beat at
     * the very end, within the filter delay of the last sample, is found this way; beats placed
     * beyond the last sample are dropped. Takes no more samples afterwards.
     */
    public int finish() {
        if (finished) return 0;
        int before = beatCount;
        long end = n + 1;
        if (learning) {
            // A record shorter than the learning period: learn from what there is.
            double[] seen = Arrays.copyOf(learningInput, (int) end);
            int seconds = (int) Math.max(1, Math.min(secondMaxima.length, Math.ceil(end / fs)));
            endLearning(seen, seconds);
        }
        double last = end > 0 ? lastInput : 0;
        long pad = (long) Math.ceil(maxThresholdDelaySeconds() * fs) + hold + 1;
        for (long i = 0; i < pad; i++) decide(feature(last));
        while (beatCount > 0 && beats[beatCount - 1] >= end) beatCount--;
        finished = true;
        return beatCount - before;
    }

    /**
     * Takes the next sample. Returns how many beats this sample completed (usually 0 or 1;
     * more when the learning period ends); {@link #beats()} lists them all.
     */
    public int next(double x) {
        if (finished) throw new IllegalStateException("finish() was called: the detector takes no more samples");
        if (!Double.isFinite(x)) throw new IllegalArgumentException("sample " + (n + 1) + " is " + x);
        lastInput = x;
        int before = beatCount;
        if (learning) {
            int i = (int) (n + 1);
            learningInput[i] = x;
            double f = feature(x);
            int second = (int) (n / fs);
            if (second < secondMaxima.length) secondMaxima[second] = Math.max(secondMaxima[second], f);
            if (i + 1 == learningInput.length) endLearning(learningInput, secondMaxima.length);
        } else {
            decide(feature(x));
        }
        return beatCount - before;
    }

    /** The R-peak sample numbers of the beats found so far (since the last {@link #drain}), in order. */
    public long[] beats() {
        return Arrays.copyOf(beats, beatCount);
    }

    /**
     * Hands the beats found since the last call to {@code sink}, oldest first, and forgets them:
     * a detector fed for days keeps its memory bounded and allocates nothing.
     */
    public void drain(java.util.function.LongConsumer sink) {
        for (int i = 0; i < beatCount; i++) sink.accept(beats[i]);
        beatCount = 0;
    }

    /** Samples of input consumed. */
    public long samplesSeen() {
        return n + 1;
    }

    /** Delay from an R peak to its report by the threshold rule, without the peak-confirmation wait. */
    public double typicalDelaySeconds() {
        return (featureDelay + hold) / fs;
    }

    /** Longest delay from an R peak to its report by the threshold rule. */
    public double maxThresholdDelaySeconds() {
        return (featureDelay + (integrationLength - 1) / 2 + locateMargin + peakTimeout + hold) / fs;
    }

    /** Band-pass, derivative, integration; keeps the band-passed and derivative history. */
    private double feature(double x) {
        n++;
        double bp = bandPass.next(x);
        double d = bp - derivativeDelay.next(bp);
        int slot = (int) (n & ringMask);
        bandPassed[slot] = bp;
        derivative[slot] = d;
        return integrator.next(Math.abs(d)) / integrationLength;
    }

    /** Sets the first thresholds from the per-second maxima, then replays the stored input. */
    private void endLearning(double[] input, int seconds) {
        for (int i = 0; i < HISTORY; i++) {
            qrsLevels[i] = secondMaxima[i % seconds];
            noiseLevels[i] = 0;
            rrIntervals[i] = Math.round(fs);
        }
        updateThreshold();
        learning = false;
        resetStages();
        for (double x : input) decide(feature(x));
    }

    private void decide(double f) {
        // Peak detection: a rising local maximum, confirmed by a fall to half or by 95 ms.
        long peakAt = -1;
        double peak = 0;
        if (f > lastFeature && f > peakMax) {
            peakMax = f;
            peakMaxAt = n;
        } else if (peakMaxAt >= 0 && (f < peakMax / 2 || n - peakMaxAt > peakTimeout)) {
            peak = peakMax;
            peakAt = peakMaxAt;
            peakMax = 0;
            peakMaxAt = -1;
        }
        lastFeature = f;

        // Hold each peak; a larger one replaces it and restarts the hold.
        if (peakAt >= 0 && (heldAt < 0 || peak > heldPeak)) {
            heldPeak = peak;
            heldAt = peakAt;
            holdEnds = n + hold;
        }
        if (heldAt >= 0 && n >= holdEnds) {
            evaluate(heldPeak, heldAt);
            heldAt = -1;
        }

        // Search back only when no peak is held: a held peak may be the QRS the interval waits for.
        if (heldAt < 0 && lastQrs >= 0 && searchBackLocation >= 0 && n - lastQrs > searchBackInterval()
                && searchBackPeak > threshold / 2) {
            acceptQrs(searchBackPeak, searchBackLocation, searchBackSlope, searchBackFeatureTime);
        }
    }

    private long searchBackInterval() {
        long sum = 0;
        for (long rr : rrIntervals) sum += rr;
        double mean = (double) sum / HISTORY;
        return Math.round(1.5 * mean);
    }

    /** Decides what a held peak of height {@code v} at feature sample {@code at} is. */
    private void evaluate(double v, long at) {
        // The QRS that made the feature peak lies within the integration window around its centre.
        long centre = at - featureDelay;
        long from = centre - (integrationLength - 1) / 2 - locateMargin;
        long to = centre + (integrationLength - 1) / 2 + locateMargin;
        long location = from;
        double best = -1, maxSlope = 0, minSlope = 0;
        long maxSlopeAt = from, minSlopeAt = from;
        for (long u = Math.max(0, from); u <= to; u++) {
            double bp = bandPassed[(int) ((u + bandPassDelay) & ringMask)];
            if (Math.abs(bp) > best) {
                best = Math.abs(bp);
                location = u;
            }
            double d = derivative[(int) ((u + bandPassDelay + derivativeSpan) & ringMask)];
            if (d > maxSlope) {
                maxSlope = d;
                maxSlopeAt = u;
            } else if (d < minSlope) {
                minSlope = d;
                minSlopeAt = u;
            }
        }
        double slope = Math.max(maxSlope, -minSlope);
        boolean sinceQrs = lastQrs >= 0;
        if (sinceQrs && at - lastQrs < refractory) return;
        if (v > threshold) {
            boolean baselineShift = !(maxSlope > -minSlope / 8 && -minSlope > maxSlope / 8
                    && Math.abs(maxSlopeAt - minSlopeAt) < blsWindow);
            boolean tWave = sinceQrs && at - lastQrs < tWaveWindow && slope < 0.5 * lastQrsSlope;
            if (!baselineShift && !tWave) {
                acceptQrs(v, location, slope, at);
                return;
            }
        }
        noiseLevels[noisePos] = v;
        noisePos = (noisePos + 1) % HISTORY;
        updateThreshold();
        if (sinceQrs && at - lastQrs >= tWaveWindow && v > searchBackPeak) {
            searchBackPeak = v;
            searchBackLocation = location;
            searchBackSlope = slope;
            searchBackFeatureTime = at;
        }
    }

    private void acceptQrs(double v, long location, double slope, long at) {
        if (lastQrs >= 0) {
            rrIntervals[rrPos] = at - lastQrs;
            rrPos = (rrPos + 1) % HISTORY;
        }
        qrsLevels[qrsPos] = v;
        qrsPos = (qrsPos + 1) % HISTORY;
        updateThreshold();
        lastQrs = at;
        lastQrsSlope = slope;
        searchBackPeak = 0;
        searchBackLocation = -1;
        if (location > lastQrsLocation) {
            if (beatCount == beats.length) beats = Arrays.copyOf(beats, 2 * beatCount);
            beats[beatCount++] = Math.max(0, location);
            lastQrsLocation = location;
        }
    }

    private void updateThreshold() {
        double q = median(qrsLevels), nz = median(noiseLevels);
        threshold = nz + THRESHOLD_COEFFICIENT * (q - nz);
    }

    /** Median of an even-length history, sorted in a scratch copy (nothing allocated per beat). */
    private double median(double[] v) {
        System.arraycopy(v, 0, sortScratch, 0, v.length);
        Arrays.sort(sortScratch, 0, v.length);
        return (sortScratch[v.length / 2 - 1] + sortScratch[v.length / 2]) / 2;
    }
}
