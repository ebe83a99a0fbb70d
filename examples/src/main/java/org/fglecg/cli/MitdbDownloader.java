package org.fglecg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fetches the MIT-BIH Arrhythmia Database from PhysioNet into a directory: the record list,
 * PhysioNet's {@code SHA256SUMS.txt}, and each record's {@code .hea}, {@code .dat} and
 * {@code .atr}. Every file is checked against its SHA-256 before it takes its final name, and a
 * file already present with the right digest is not fetched again (so an interrupted download
 * simply continues).
 */
final class MitdbDownloader {
    static final String PHYSIONET = "https://physionet.org/files/mitdb/1.0.0/";
    static final List<String> EXTENSIONS = List.of("hea", "dat", "atr");

    private final URI base;
    private final HttpClient http;
    private final Consumer<String> log;

    MitdbDownloader(String baseUrl, Consumer<String> log) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        this.log = log;
    }

    /** Downloads {@code records} (all of PhysioNet's {@code RECORDS} when empty) into {@code dir}. */
    void download(Path dir, List<String> records) throws IOException {
        Files.createDirectories(dir);
        String sumsText = fetchText("SHA256SUMS.txt");
        Map<String, String> sums = parseSums(sumsText);
        List<String> wanted = records;
        if (wanted.isEmpty()) {
            String list = fetchText("RECORDS");
            wanted = list.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            Files.writeString(dir.resolve("RECORDS"), list);
        }
        Files.writeString(dir.resolve("SHA256SUMS.txt"), sumsText);
        int fetched = 0, kept = 0;
        for (String record : wanted) {
            for (String ext : EXTENSIONS) {
                String name = record + "." + ext;
                String expected = sums.get(name);
                if (expected == null)
                    throw new IOException(base.resolve("SHA256SUMS.txt") + " lists no digest for " + name
                            + " (is " + record + " a record of this database?)");
                Path target = dir.resolve(name);
                if (Files.exists(target) && sha256(target).equals(expected)) {
                    kept++;
                    continue;
                }
                fetchVerified(name, expected, target);
                fetched++;
            }
        }
        log.accept("mitdb: " + wanted.size() + " records in " + dir + " (" + fetched + " files downloaded, "
                + kept + " already present), every file matches PhysioNet's SHA256SUMS.txt");
    }

    private void fetchVerified(String name, String expected, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + name + ".", ".part");
        try {
            try (InputStream in = get(name)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String actual = sha256(tmp);
            if (!actual.equals(expected))
                throw new IOException(base.resolve(name) + ": SHA-256 " + actual + " differs from " + expected
                        + " in SHA256SUMS.txt; the file was not kept");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.accept("  " + name + " ok");
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private String fetchText(String name) throws IOException {
        try (InputStream in = get(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private InputStream get(String name) throws IOException {
        URI uri = base.resolve(name);
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
            throw unreachable(uri, e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnknownHostException)
                throw unreachable(uri, e);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download of " + uri + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException(uri + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private static IOException unreachable(URI uri, Exception cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new IOException("cannot reach " + uri + " (" + why + "); copy the mitdb files (*.hea, *.dat, *.atr) "
                + "from elsewhere and pass their directory with --data DIR", cause);
    }

    /** Parses {@code sha256sum} output: "digest name" (one or two spaces, optional '*'). */
    static Map<String, String> parseSums(String text) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length != 2) continue;
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            sums.put(name, parts[0].toLowerCase());
        }
        return sums;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static List<String> splitRecords(String csv) {
        List<String> out = new ArrayList<>();
        if (csv == null) return out;
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }
}
