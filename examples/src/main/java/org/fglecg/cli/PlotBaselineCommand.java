package org.fglecg.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fglecg.ecg.data.MedianBaseline;
import org.fglecg.ecg.data.Preprocessing;
import org.fglecg.ecg.wfdb.SignalSpec;
import org.fglecg.ecg.wfdb.WfdbRecord;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fgl data plot-baseline}: the raw lead (dashed grey) and the baseline-corrected lead
 * (red) of a stretch of one record, as the paper's figure 1. The baseline is computed on the
 * whole record, so the stretch looks exactly as the dataset sees it.
 */
@Command(name = "plot-baseline", mixinStandardHelpOptions = true,
        description = "Plot raw (dashed grey) and baseline-corrected (red) MLII of one record.")
public final class PlotBaselineCommand implements Callable<Integer> {
    @Mixin
    DataOptions options;

    @Option(names = "--record", defaultValue = "105", description = "Record name (default: ${DEFAULT-VALUE}).")
    String record;

    @Option(names = "--start", defaultValue = "60", description = "Start, seconds (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--seconds", defaultValue = "10", description = "Length, seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--out", defaultValue = "baseline.png", description = "PNG file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Preprocessing p = Preprocessing.DEFAULT;
        WfdbRecord rec = WfdbRecord.open(options.data(), record);
        int lead = rec.signalIndex(p.lead());
        SignalSpec spec = rec.header().signals().get(lead);
        double fs = rec.header().samplingFrequency();
        long from = Math.round(start * fs), n = Math.round(seconds * fs);
        if (start < 0 || n < 1 || from + n > rec.numSamples()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "--start %s --seconds %s is outside record %s (%.1f s long)", start, seconds, record, rec.numSamples() / fs));
        }
        float[] raw = spec.toPhysical(rec.read(lead, 0, (int) rec.numSamples()));
        float[] corrected = MedianBaseline.remove(raw, p.firstWindow(), p.secondWindow());
        double[] t = new double[(int) n], r = new double[(int) n], c = new double[(int) n];
        for (int i = 0; i < n; i++) {
            t[i] = (from + i) / fs;
            r[i] = raw[(int) from + i];
            c[i] = corrected[(int) from + i];
        }
        XYChart chart = new XYChartBuilder().width(1400).height(450)
                .title("Record " + record + " " + p.lead() + ": two-stage median baseline removal (" + p.firstWindow()
                        + " then " + p.secondWindow() + " samples)")
                .xAxisTitle("time (s)").yAxisTitle(spec.units()).build();
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        XYSeries rs = chart.addSeries("raw", t, r);
        rs.setMarker(SeriesMarkers.NONE);
        rs.setLineColor(Color.GRAY);
        rs.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        XYSeries cs = chart.addSeries("baseline removed", t, c);
        cs.setMarker(SeriesMarkers.NONE);
        cs.setLineColor(Color.RED);
        cs.setLineStyle(new BasicStroke(1.2f));
        Figures.save(chart, out);
        System.out.println("wrote " + out);
        return 0;
    }
}
