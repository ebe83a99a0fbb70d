package org.fglecg.cli;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fglecg.ecg.train.ClassScores;
import org.fglecg.ecg.train.EpochMetrics;
import org.fglecg.ecg.train.RunResult;
import org.fglecg.ecg.train.Scores;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The report's PNGs, drawn with XChart (headless). */
final class ReportFigures {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ReportFigures() {}

    /** Training loss and validation macro-F1 per epoch, one line per run, side by side. */
    static void learningCurves(List<RunResult> runs, Path png) throws IOException {
        XYChart loss = new XYChartBuilder().width(600).height(400).title("Training loss")
                .xAxisTitle("epoch").yAxisTitle("mean loss").build();
        XYChart f1 = new XYChartBuilder().width(600).height(400).title("Validation macro-F1")
                .xAxisTitle("epoch").yAxisTitle("macro-F1 (%)").build();
        for (XYChart c : List.of(loss, f1)) c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        loss.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (RunResult r : runs) {
            if (r.epochs().isEmpty()) continue;
            double[] x = new double[r.epochs().size()], l = new double[x.length], f = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                EpochMetrics e = r.epochs().get(i);
                x[i] = e.epoch();
                l[i] = e.trainLoss();
                f[i] = 100 * e.val().macroF1();
            }
            loss.addSeries(r.name(), x, l);
            f1.addSeries(r.name(), x, f);
        }
        if (loss.getSeriesMap().isEmpty()) return;
        Figures.save(List.of(loss, f1), 1, 2, png);
    }

    /** Confusion-matrix heatmap: rows the truth, columns the prediction, cells the beat counts. */
    static void confusion(String title, Scores s, Path png) throws IOException {
        List<String> classes = s.confusion().classNames();
        HeatMapChart chart = new HeatMapChartBuilder().width(560).height(480).title(title)
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setPlotContentSize(1);
        chart.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        List<Number[]> cells = new ArrayList<>();
        int n = classes.size();
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                // y runs upwards in XChart: put the first class on the top row, as in the paper.
                cells.add(new Number[] {p, n - 1 - t, s.confusion().count(t, p)});
        List<String> yLabels = new ArrayList<>(classes);
        java.util.Collections.reverse(yLabels);
        chart.addSeries("beats", classes, yLabels, cells);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Per-class F1 of the baseline student next to the FGL student (the paper's figure 6). */
    static void perClassF1(String baselineName, Scores baseline, String fglName, Scores fgl, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(700).height(420)
                .title("Per-class F1: baseline vs FGL student").xAxisTitle("AAMI class").yAxisTitle("F1 (%)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.0");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.addSeries(baselineName, baseline.confusion().classNames(), f1s(baseline));
        chart.addSeries(fglName, fgl.confusion().classNames(), f1s(fgl));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** F1 in percent; an absent class is drawn as 0 and the report's table says "absent". */
    private static List<Double> f1s(Scores s) {
        List<Double> out = new ArrayList<>();
        for (ClassScores c : s.perClass()) out.add(c.present() ? 100 * c.f1() : 0.0);
        return out;
    }
}
