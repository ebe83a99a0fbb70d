package org.fglecg.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.AamiClass;
import org.fglecg.ecg.data.BeatDataset;
import org.fglecg.ecg.data.BeatIndex;
import org.fglecg.ecg.data.MitBih;
import org.fglecg.ecg.data.WindowSpec;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fgl data plot-beats}: one example beat per AAMI class with the student window and a
 * teacher window drawn over the preprocessed signal, as the paper's figure 4. The windows are
 * cut by {@link BeatDataset}, so the figure shows exactly what the networks see.
 */
@Command(name = "plot-beats", mixinStandardHelpOptions = true,
        description = "Plot one beat per class (N, S, V, F) with the student and teacher windows marked.")
public final class PlotBeatsCommand implements Callable<Integer> {
    @Mixin
    DataOptions options;

    @Option(names = "--teacher", defaultValue = "T_asym_360", converter = Converters.WindowConverter.class,
            description = "Teacher window (default: ${DEFAULT-VALUE}).")
    WindowSpec teacher;

    @Option(names = "--seed", defaultValue = "3", description = "Seed for picking the example beats (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "beats.png", description = "PNG file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        WindowSpec tw = teacher;
        WindowSpec sw = WindowSpec.STUDENT;
        MitBih db = options.load(MitBih.RECORDS);
        BeatIndex beats = db.beats();
        BeatDataset ds = new BeatDataset(beats, sw, tw);
        // The context drawn around each beat: the widest symmetric window.
        WindowSpec context = WindowSpec.T_SYM_360;
        SplittableRandom rng = new SplittableRandom(seed);
        List<XYChart> charts = new ArrayList<>();
        for (AamiClass c : AamiClass.values()) {
            int[] ofClass = java.util.stream.IntStream.range(0, beats.size()).filter(i -> beats.label(i) == c.ordinal()).toArray();
            int beat = ofClass[rng.nextInt(ofClass.length)];
            double fs = beats.records().get(beats.record(beat)).samplingFrequency();
            float[] ctx = new float[context.length()];
            float[] xt = new float[tw.length()];
            float[] xs = new float[sw.length()];
            ds.fillWindow(context, beat, ctx, 0);
            ds.fillBatch(new int[] {beat}, 0, 1, xs, xt, null);
            XYChart chart = new XYChartBuilder().width(700).height(420)
                    .title(String.format(java.util.Locale.ROOT, "%s: record %s, sample %d", c, beats.recordName(beat), beats.sample(beat)))
                    .xAxisTitle("time from R peak (ms)").yAxisTitle("mV").build();
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
            chart.getStyler().setMarkerSize(0);
            add(chart, "signal", ctx, -context.left(), fs, Color.LIGHT_GRAY, 1.0f);
            add(chart, "teacher " + tw.name() + " [-" + tw.left() + ", +" + tw.right() + ")", xt, -tw.left(), fs, new Color(0x1F77B4), 2.5f);
            add(chart, "student [-" + sw.left() + ", +" + sw.right() + ")", xs, -sw.left(), fs, Color.RED, 1.5f);
            for (double edge : new double[] {-tw.left(), tw.right(), -sw.left(), sw.right()}) {
                AnnotationLine line = new AnnotationLine(edge * 1000 / fs, true, false);
                chart.addAnnotation(line);
            }
            charts.add(chart);
        }
        Figures.save(charts, 2, 2, out);
        System.out.println("wrote " + out);
        return 0;
    }

    /** A window as a line, x in ms from the R peak. */
    private static void add(XYChart chart, String name, float[] y, int firstOffset, double fs, Color color, float width) {
        double[] x = new double[y.length], v = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = (firstOffset + i) * 1000 / fs;
            v[i] = y[i];
        }
        XYSeries s = chart.addSeries(name, x, v);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width));
    }
}
