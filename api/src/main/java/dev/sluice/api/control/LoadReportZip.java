package dev.sluice.api.control;

import dev.sluice.api.LoadReportFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * How a load report crosses the control API: its files in one zip ({@code GET /control/load/report}),
 * with what ran and when it finished in two headers, so {@code curl -OJ} saves something a person
 * can open and the remote client gets back exactly the files the engine rendered.
 */
public final class LoadReportZip {
    public static final String DESCRIPTION_HEADER = "X-Sluice-Load";
    public static final String FINISHED_HEADER = "X-Sluice-Load-Finished";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private LoadReportZip() {}

    public static String fileName(LoadReportFiles report) {
        return "sluice-load-" + FILE_TIME.format(report.finishedAt()) + ".zip";
    }

    public static byte[] zip(LoadReportFiles report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : report.files().entrySet()) {
                ZipEntry entry = new ZipEntry(f.getKey());
                entry.setTime(report.finishedAt().toEpochMilli());
                zip.putNextEntry(entry);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip a load report in memory", e);
        }
        return bytes.toByteArray();
    }

    /** The reverse of {@link #zip}; only plain file names are taken (no directories, no "..") so nothing lands outside the target folder. */
    public static LoadReportFiles unzip(byte[] zipped, String description, Instant finishedAt) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (e.isDirectory() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw new IOException("unexpected entry in a load report: " + name);
                }
                files.put(name, zip.readAllBytes());
            }
        }
        if (files.isEmpty()) {
            throw new IOException("the load report holds no files");
        }
        return new LoadReportFiles(description, finishedAt, files);
    }
}
