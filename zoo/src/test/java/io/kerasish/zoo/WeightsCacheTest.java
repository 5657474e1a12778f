package io.kerasish.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kerasish.FileUnavailableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keras's get_file: download once into the cache, check the md5, never leave a partial or wrong file in place. */
class WeightsCacheTest {
    private static final byte[] BODY = "pretend these are 528 MB of VGG-16 weights".getBytes();
    @TempDir
    Path dir;
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private String base;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/w.h5", ex -> {
            requests.incrementAndGet();
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String md5() throws Exception {
        Path tmp = dir.resolve("body");
        Files.write(tmp, BODY);
        return WeightsCache.md5(tmp);
    }

    @Test
    void downloadsOnceChecksAndRenamesIntoPlace() throws Exception {
        WeightsCache cache = new WeightsCache(dir.resolve("models"), false);
        Path f = cache.get("w.h5", base + "/w.h5", md5());
        assertEquals(dir.resolve("models").resolve("w.h5"), f);
        assertArrayEquals(BODY, Files.readAllBytes(f));
        cache.get("w.h5", base + "/w.h5", md5());
        assertEquals(1, requests.get(), "a cached file with the right md5 is not downloaded again");
        try (var files = Files.list(dir.resolve("models"))) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        Files.writeString(f, "half a download");
        cache.get("w.h5", base + "/w.h5", md5());
        assertEquals(2, requests.get(), "a cached file with another md5 is fetched again");
        assertArrayEquals(BODY, Files.readAllBytes(f));
    }

    @Test
    void aDownloadWithTheWrongMd5IsRefusedAndNotKept() {
        WeightsCache cache = new WeightsCache(dir.resolve("models"), false);
        FileUnavailableException e = assertThrows(FileUnavailableException.class,
                () -> cache.get("w.h5", base + "/w.h5", "0123456789abcdef0123456789abcdef"));
        assertTrue(e.getMessage().contains("md5") && e.getMessage().contains("0123456789abcdef"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("models").resolve("w.h5")));
        try (var files = Files.list(dir.resolve("models"))) {
            assertEquals(0, files.count(), "the rejected download was deleted");
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void unreachableOrMissingSaysWhatToPutWhere() throws Exception {
        WeightsCache cache = new WeightsCache(dir.resolve("models"), false);
        FileUnavailableException e = assertThrows(FileUnavailableException.class,
                () -> cache.get("x.h5", base + "/x.h5", md5()));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        server.stop(0); // nothing listens there any more: as offline as a test can be without the network
        e = assertThrows(FileUnavailableException.class, () -> cache.get("w.h5", base + "/w.h5", md5()));
        String m = e.getMessage();
        assertTrue(m.contains("'w.h5'") && m.contains(dir.resolve("models").toString()) && m.contains(base + "/w.h5"), m);
        assertTrue(m.contains("downloading failed"), m);
    }
}
