package org.fglecg.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fgl data download} against a PhysioNet stand-in on loopback serving two real records. */
class DownloadCommandTest {
    static final List<String> RECORDS = List.of("100", "103");

    @TempDir Path tmp;
    Path served;
    HttpServer server;
    List<String> requests = new ArrayList<>();

    @BeforeEach
    void serve() throws IOException {
        Path mitdb = TestData.mitdb();
        served = Files.createDirectories(tmp.resolve("physionet"));
        StringBuilder sums = new StringBuilder();
        Map<String, String> real = MitdbDownloader.parseSums(Files.readString(mitdb.resolve("SHA256SUMS.txt")));
        for (String r : RECORDS)
            for (String ext : MitdbDownloader.EXTENSIONS) {
                String name = r + "." + ext;
                Files.copy(mitdb.resolve(name), served.resolve(name));
                sums.append(real.get(name)).append(' ').append(name).append('\n');
            }
        Files.writeString(served.resolve("SHA256SUMS.txt"), sums);
        Files.writeString(served.resolve("RECORDS"), String.join("\n", RECORDS) + "\n");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mitdb/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/mitdb/".length());
            synchronized (requests) { requests.add(name); }
            Path f = served.resolve(name);
            if (name.contains("/") || !Files.isRegularFile(f)) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                byte[] body = Files.readAllBytes(f);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) { out.write(body); }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mitdb/";
    }

    @Test
    void downloadsAndVerifiesEveryFileThenKeepsGoodFiles() throws IOException {
        Path data = tmp.resolve("data/mitdb");
        CliRun r = CliRun.fgl("data", "download", "--data", data.toString(), "--url", url());
        assertEquals(0, r.exit(), r.err());
        for (String r2 : RECORDS)
            for (String ext : MitdbDownloader.EXTENSIONS)
                assertArrayEquals(Files.readAllBytes(served.resolve(r2 + "." + ext)),
                        Files.readAllBytes(data.resolve(r2 + "." + ext)));
        assertTrue(r.out().contains("2 records") && r.out().contains("6 files downloaded"), r.out());

        requests.clear();
        r = CliRun.fgl("data", "download", "--data", data.toString(), "--url", url(), "--records", "100");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("SHA256SUMS.txt"), requests, "correct files are not fetched again");
    }

    @Test
    void corruptFileIsRefusedAndNotKept() throws IOException {
        byte[] dat = Files.readAllBytes(served.resolve("103.dat"));
        dat[1000] ^= 1;
        Files.write(served.resolve("103.dat"), dat);
        Path data = tmp.resolve("d");
        CliRun r = CliRun.fgl("data", "download", "--data", data.toString(), "--url", url());
        assertEquals(CliErrors.FAILED, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("103.dat: SHA-256") && r.err().contains("not kept"), r.err());
        assertFalse(Files.exists(data.resolve("103.dat")));
        assertTrue(Files.exists(data.resolve("100.dat")));
    }

    @Test
    void unknownRecordIsNamed() {
        CliRun r = CliRun.fgl("data", "download", "--data", tmp.resolve("d").toString(), "--url", url(), "--records", "999");
        assertEquals(CliErrors.FAILED, r.exit());
        assertTrue(r.err().contains("no digest for 999.hea"), r.err());
    }

    @Test
    void withoutNetworkOneLineSaysToUseData() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliRun r = CliRun.fgl("data", "download", "--data", tmp.resolve("d").toString(),
                "--url", "http://127.0.0.1:" + closedPort + "/mitdb/");
        assertEquals(CliErrors.FAILED, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("fgl: error: cannot reach") && r.err().contains("--data DIR"), r.err());
    }
}
