package org.fglecg.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** Saving XChart figures as PNG files (headless). */
final class Figures {
    private Figures() {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** Writes one chart to {@code out} as PNG, creating parent directories. */
    static void save(XYChart chart, Path out) throws IOException {
        save(List.of(chart), 1, 1, out);
    }

    /** Writes a grid of charts to {@code out} as one PNG. */
    static void save(List<XYChart> charts, int rows, int cols, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        try (OutputStream os = Files.newOutputStream(out)) {
            BitmapEncoder.saveBitmap(charts, rows, cols, os, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
