package org.fglecg.ecg.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of one epoch: batches done, samples/s, ETA and running loss. On a terminal it
 * is one line redrawn in place with {@code \r} (at most 5 times a second); otherwise (a log
 * file, a pipe) it prints a plain line about every 10 % of the epoch, so logs stay readable.
 */
public final class Progress {
    private static final long LIVE_INTERVAL_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean live;
    private final String label;
    private final int totalBatches;
    private final long startNanos;
    private long lastDrawNanos;
    private int lastPlainTenth;
    private int batches;
    private long samples;
    private double lossSum;
    private boolean hasLoss;

    public Progress(PrintStream out, boolean live, String label, int totalBatches) {
        this.out = out;
        this.live = live;
        this.label = label;
        this.totalBatches = totalBatches;
        this.startNanos = System.nanoTime();
    }

    /** Whether stdout is an interactive terminal (JDK 22+ asks the console; older JDKs have a console only then). */
    public static boolean stdoutIsTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Records one finished batch of {@code batchSize} samples with mean loss {@code loss}. */
    public void batchDone(int batchSize, double loss) {
        hasLoss = true;
        lossSum += loss;
        batchDone(batchSize);
    }

    /** Records one finished batch that has no loss (inference). */
    public void batchDone(int batchSize) {
        batches++;
        samples += batchSize;
        long now = System.nanoTime();
        if (live) {
            if (now - lastDrawNanos >= LIVE_INTERVAL_NANOS || batches == totalBatches) {
                lastDrawNanos = now;
                out.print("\r" + line(now) + "   ");
                out.flush();
            }
        } else {
            int tenth = totalBatches == 0 ? 10 : (int) (10L * batches / totalBatches);
            if (tenth > lastPlainTenth) {
                lastPlainTenth = tenth;
                out.println(line(now));
            }
        }
    }

    /** Ends the live line so the next output starts on a fresh line. */
    public void finish() {
        if (live && batches > 0) out.println();
        out.flush();
    }

    public double runningLoss() {
        return batches == 0 ? 0.0 : lossSum / batches;
    }

    public long samples() {
        return samples;
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    public double samplesPerSecond() {
        double s = seconds();
        return s <= 0 ? 0.0 : samples / s;
    }

    String line(long now) {
        double elapsed = (now - startNanos) / 1e9;
        double rate = elapsed <= 0 ? 0 : samples / elapsed;
        double eta = batches == 0 ? 0 : elapsed / batches * (totalBatches - batches);
        String line = String.format(Locale.ROOT, "%s %d/%d batches  %.1f samples/s  ETA %s", label, batches,
                totalBatches, rate, duration(eta));
        return hasLoss ? line + String.format(Locale.ROOT, "  loss %.4f", runningLoss()) : line;
    }

    /** h:mm:ss or m:ss. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        long h = s / 3600, m = (s % 3600) / 60, sec = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }
}
