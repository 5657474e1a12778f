package io.kerasish.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kerasish.FileUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datasets.fetch: found files are used as they are; missing ones are downloaded, checked, renamed into place. */
class DatasetsDownloadTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private static final byte[] BODY = "the payload of a dataset file\n".repeat(5000).getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/file.bin", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/data/file.bin"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private List<Path> filesIn(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void downloadsIntoTheCacheWhenMissingAndThenUsesIt() throws Exception {
        Path cache = dir.resolve("cache");
        Datasets.Remote remote = new Datasets.Remote(url("/data/file.bin"), sha256(BODY));
        Path got = Datasets.fetch("demo", List.of(dir.resolve("data"), cache), cache, "file.bin", remote);
        assertEquals(cache.resolve("file.bin"), got);
        assertArrayEquals(BODY, Files.readAllBytes(got));
        assertEquals(List.of(got), filesIn(cache), "no temporary file left");
        Datasets.fetch("demo", List.of(dir.resolve("data"), cache), cache, "file.bin", remote);
        assertEquals(1, requests.get(), "the cached file is used, not downloaded again");
    }

    @Test
    void md5ChecksumsAndRedirectsWork() throws Exception {
        Path cache = dir.resolve("cache");
        Path got = Datasets.fetch("demo", List.of(), cache, "f.bin", new Datasets.Remote(url("/moved"), md5(BODY)));
        assertArrayEquals(BODY, Files.readAllBytes(got));
    }

    @Test
    void aFileInTheSearchPathIsUsedWithoutNetwork() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path mine = Files.writeString(data.resolve("file.bin"), "mine");
        Path got = Datasets.fetch("demo", List.of(data), dir.resolve("cache"), "file.bin",
                new Datasets.Remote(url("/data/file.bin"), "0".repeat(64)));
        assertEquals(mine, got);
        assertEquals(0, requests.get());
    }

    @Test
    void aWrongChecksumLeavesNoFile() throws IOException {
        Path cache = dir.resolve("cache");
        FileUnavailableException e = assertThrows(FileUnavailableException.class, () -> Datasets.fetch("demo", List.of(), cache,
                "file.bin", new Datasets.Remote(url("/data/file.bin"), "ab".repeat(32))));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains("abab"), e.getMessage());
        assertEquals(List.of(), filesIn(cache), "neither the file nor a temporary one is left");
    }

    @Test
    void httpErrorsSayWhichFileToPutWhere() {
        Path cache = dir.resolve("cache");
        FileUnavailableException e = assertThrows(FileUnavailableException.class, () -> Datasets.fetch("demo", List.of(), cache,
                "x.npz", new Datasets.Remote(url("/missing"), "ab".repeat(32))));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(cache.resolve("x.npz").toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void offlineSaysWhichFileToPutWhereAndTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        server.stop(0);
        String address = "http://127.0.0.1:" + port + "/tf-keras-datasets/mnist.npz";
        Path cache = dir.resolve("cache").resolve("mnist");
        FileUnavailableException e = assertThrows(FileUnavailableException.class, () -> Datasets.fetch("mnist",
                List.of(dir.resolve("data")), cache, "mnist.npz", new Datasets.Remote(address, "ab".repeat(32))));
        String m = e.getMessage();
        System.out.println("offline message: " + m);
        assertTrue(m.contains("offline"), m);
        assertTrue(m.contains(address), m);
        assertTrue(m.contains("put it at " + cache.resolve("mnist.npz").toAbsolutePath()), m);
        assertTrue(m.contains("KERASISH_DATA"), m);
        assertEquals(List.of(), filesIn(cache));
    }

    @Test
    void autoMpgDownloadsUcisFileCheckedAgainstItsHash() throws IOException {
        Path real = Shared.data("auto-mpg/auto-mpg.data");
        byte[] uci = Files.readAllBytes(real);
        server.createContext("/auto-mpg.data", exchange -> {
            exchange.sendResponseHeaders(200, uci.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(uci);
            }
        });
        Path got = Datasets.fetch("auto-mpg", List.of(), dir, AutoMpg.FILE,
                new Datasets.Remote(url("/auto-mpg.data"), AutoMpg.SHA256));
        assertEquals(392, AutoMpg.loadData(got).size());
    }
}
