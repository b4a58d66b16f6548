package kensa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No connection and no file in the data folder can stop `kensa serve` answering, or slow its start page. */
class ServeLimitsTest {
    @TempDir Path data;
    @TempDir Path outside;

    private static HttpResponse<String> getWithin(ServeFixture serve, String path, Duration limit) throws Exception {
        return serve.http.send(HttpRequest.newBuilder(URI.create(serve.base + path)).timeout(limit).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void connectionsThatSendHalfARequestDoNotStopTheServer() throws Exception {
        try (ServeFixture serve = new ServeFixture(data)) {
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), serve.server.port());
                    OutputStream out = s.getOutputStream();
                    out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII)); // and never the end
                    out.flush();
                    idle.add(s);
                }
                Thread.sleep(300);
                assertEquals(200, getWithin(serve, "/", Duration.ofSeconds(10)).statusCode());
            } finally {
                for (Socket s : idle) s.close();
            }
        }
    }

    @Test
    void aDeeplyNestedFileDoesNotSlowTheStartPage() throws Exception {
        String deep = "<?xml version=\"1.0\"?>\n<facility xmlns=\"urn:kensa:facility:1\"><name>深い</name><facilityType>clinic</facilityType>"
                + "<x>".repeat(400_000) + "</x>".repeat(400_000) + "</facility>\n";
        Files.writeString(data.resolve("deep.xml"), deep);
        try (ServeFixture serve = new ServeFixture(data)) {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = getWithin(serve, "/", Duration.ofSeconds(20));
                assertEquals(200, r.statusCode());
                assertTrue(r.body().contains("deep.xml"), r.body());
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "start page in under 5 s");
            }
            HttpResponse<String> open = getWithin(serve, "/f/deep", Duration.ofSeconds(20));
            assertEquals(404, open.statusCode(), "opening it is refused with the reason, not a crash");
            assertTrue(open.body().contains("書式に合いません"), open.body());
        }
    }

    @Test
    void theStartPageReadsAFileOncePerChange() throws Exception {
        Path file = Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), data.resolve("a-clinic.xml"));
        try (ServeFixture serve = new ServeFixture(data)) {
            assertTrue(getWithin(serve, "/", Duration.ofSeconds(10)).body().contains("さくら内科クリニック"));
            // The same size, time and file, other content: not read again (a real change moves the time).
            var time = Files.getLastModifiedTime(file);
            Files.writeString(file, Files.readString(file).replace("さくら内科", "もみじ内科"));
            Files.setLastModifiedTime(file, time);
            assertTrue(getWithin(serve, "/", Duration.ofSeconds(10)).body().contains("さくら内科クリニック"), "kept from the first read");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(time.toMillis() + 2000));
            assertTrue(getWithin(serve, "/", Duration.ofSeconds(10)).body().contains("もみじ内科クリニック"), "read again once changed");
        }
    }

    @Test
    void aSymlinkOutOfTheDataFolderIsIgnored() throws Exception {
        Path secret = Files.copy(Project.EXAMPLES.resolve("small-clinic.xml"), outside.resolve("secret.xml"));
        Files.createSymbolicLink(data.resolve("escape.xml"), secret);
        try (ServeFixture serve = new ServeFixture(data)) {
            HttpResponse<String> start = getWithin(serve, "/", Duration.ofSeconds(10));
            assertFalse(start.body().contains("escape.xml"), start.body());
            assertEquals(404, getWithin(serve, "/f/escape", Duration.ofSeconds(10)).statusCode());
            assertEquals(404, getWithin(serve, "/f/escape/download", Duration.ofSeconds(10)).statusCode());
        }
    }
}
