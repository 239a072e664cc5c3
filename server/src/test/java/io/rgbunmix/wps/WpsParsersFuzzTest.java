package io.rgbunmix.wps;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rgbunmix.ClientMessages;
import io.rgbunmix.FuzzScratch;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.processes.ProcessDescriptions;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The WPS request parsers on arbitrary input: a key-value Execute (a query string, decoded as the
 * server decodes it) and an XML body (root sniffing and the full Execute). Each either parses or is
 * refused with a WpsException that is a client error in words; nothing else may escape.
 * Seeds: WpsParsersFuzzTestInputs/; long runs: scripts/fuzz.sh.
 */
class WpsParsersFuzzTest {
    private static final Path SCRATCH = FuzzScratch.folder();

    private static void refused(WpsException e, byte[] sent) {
        if (e.httpStatus() >= 500) {
            throw new AssertionError("a parser answered a server fault: " + e.getMessage(), e);
        }
        ClientMessages.assertInWords(e.getMessage(), "a WPS refusal", sent);
    }

    @FuzzTest
    void keyValueExecute(byte[] data) throws IOException {
        Map<String, String> kvp = new LinkedHashMap<>();
        for (String pair : new String(data, StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            try {
                kvp.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            } catch (IllegalArgumentException undecodable) {
                return;   // Jetty refuses such a query before it reaches the WPS
            }
        }
        Path folder = Staging.newFolder(SCRATCH);
        try {
            ExecuteParser.fromKvp(kvp, folder);
        } catch (WpsException e) {
            refused(e, data);
        } finally {
            Staging.delete(folder);
        }
    }

    @FuzzTest
    void xmlBody(byte[] data) throws IOException {
        Path folder = Staging.newFolder(SCRATCH);
        Path body = Files.write(folder.resolve("request.xml"), data);
        try {
            ExecuteParser.root(body);
            ExecuteParser.fromXml(body, folder);
        } catch (WpsException e) {
            refused(e, data);
        }
        try {
            ExecuteParser.fromXml2(body, folder, id -> Stream.of(ProcessDescriptions.ECHO,
                            ProcessDescriptions.ESTIMATE_ABUNDANCES)
                    .filter(d -> d.wpsIdentifier().equals(id)).findFirst()
                    .orElseThrow(() -> WpsException.client("NoSuchProcess", "Identifier", "no process " + id)));
        } catch (WpsException e) {
            refused(e, data);
        } finally {
            Staging.delete(folder);
        }
    }
}
