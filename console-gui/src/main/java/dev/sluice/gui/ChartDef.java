package dev.sluice.gui;

import java.util.List;

/**
 * What one live chart shows; the FX view, the PNG export and the report all draw from these.
 *
 * @param id             file-name friendly id, e.g. {@code requests}
 * @param title          chart title
 * @param unit           left axis label
 * @param secondaryUnit  right axis label, or null when no series is secondary
 * @param series         lines, in legend order
 */
record ChartDef(String id, String title, String unit, String secondaryUnit, List<SeriesDef> series) {

    ChartDef {
        series = List.copyOf(series);
    }

    List<SeriesDef> primary() {
        return series.stream().filter(s -> !s.secondary()).toList();
    }

    List<SeriesDef> secondary() {
        return series.stream().filter(SeriesDef::secondary).toList();
    }
}
