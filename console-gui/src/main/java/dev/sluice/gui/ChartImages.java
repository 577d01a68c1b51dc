package dev.sluice.gui;

import dev.sluice.api.MetricsSnapshot;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;

/**
 * Draws the console's charts into PNGs from a copy of the kept snapshots, on whatever thread
 * calls it: each call builds its own charts, so the live ones on the UI thread are never touched.
 * The step and hand-made lines come from the same snapshots, as on screen.
 */
final class ChartImages {
    static final int WIDTH = 900;
    static final int HEIGHT = 380;

    private ChartImages() {}

    /** One chart as a PNG. */
    static byte[] png(ChartDef def, List<MetricsSnapshot> ticks) throws IOException {
        ChartBuilder.Built built = filled(def, ticks);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(out, built.chart(), WIDTH, HEIGHT);
        return out.toByteArray();
    }

    /** Every chart of {@link ChartCatalog#ALL} in one PNG, two columns, as on screen. */
    static byte[] grid(List<MetricsSnapshot> ticks) throws IOException {
        int cols = 2;
        int rows = (ChartCatalog.ALL.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * WIDTH, rows * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < ChartCatalog.ALL.size(); i++) {
                ChartBuilder.Built built = filled(ChartCatalog.ALL.get(i), ticks);
                built.chart().draw(g, new Rectangle2D.Double((i % cols) * WIDTH, (i / cols) * HEIGHT, WIDTH, HEIGHT));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static ChartBuilder.Built filled(ChartDef def, List<MetricsSnapshot> ticks) {
        ChartBuilder.Built built = ChartBuilder.build(def, Math.max(1, ticks.size()));
        ticks.forEach(built::add);
        built.fireSeriesChanged();
        ChartBuilder.mark(built.plot(), ChartMarks.of(ticks), false, true);
        return built;
    }
}
