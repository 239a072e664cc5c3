package io.rgbunmix.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.cli.Main;
import io.rgbunmix.processes.GeoServerParameters;
import io.rgbunmix.processes.OptionNames;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.server.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Every input of every process, offered by each front end with the description's default: WPS
 * DescribeProcess, OGC API's process description, the command line, and GeoServer's parameters (as
 * {@link GeoServerParameters} decides them; the extension, built only under -Pgeoserver, turns each into a
 * GeoTools parameter and its integration run compares GeoServer's DescribeProcess with this server's). A
 * front end that does not offer an input says why in {@link #NOT_ON_THE_COMMAND_LINE}. (The Spark job has
 * its own parity test.)
 */
class FrontEndParityTest {
    /** "process/input" (or "process/*") the command line does not offer, and why. */
    private static final Map<String, String> NOT_ON_THE_COMMAND_LINE = Map.of(
            "estimate-abundances-batch/images", "batch reads what the zip would hold: the folder of windows "
                    + "(--images) and their CSV (--ancillary)",
            "echo/*", "a diagnostic for the servers' clients, of no use on one's own machine");
    /** The command that runs each process on the command line. */
    private static final Map<String, String> COMMANDS = Map.of("estimate-abundances", "run",
            "estimate-abundances-batch", "batch", "estimate-change", "change");

    @TempDir
    static Path temp;
    private static TestServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("work"), 1L << 20, null, 50L, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static String defaultOf(Parameter input) {
        return input.type() instanceof Parameter.Literal literal ? literal.defaultValue() : null;
    }

    @Test
    void wpsDescribesEveryInputWithItsDefaultAndCardinality() throws Exception {
        String xml = get("/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        NodeList described = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("Input");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < described.getLength(); i++) {
            Element input = (Element) described.item(i);
            String name = input.getElementsByTagNameNS("*", "Identifier").item(0).getTextContent();
            NodeList defaults = input.getElementsByTagName("DefaultValue");
            seen.add(name + "=" + (defaults.getLength() == 0 ? null : defaults.item(0).getTextContent())
                    + " [" + input.getAttribute("minOccurs") + ".." + input.getAttribute("maxOccurs") + "]");
        }
        List<String> expected = new ArrayList<>();
        for (ProcessDescription process : ProcessDescriptions.all()) {
            process.inputs().forEach(p -> expected.add(p.name() + "=" + defaultOf(p) + " [" + p.minOccurs() + ".."
                    + p.maxOccurs() + "]"));
        }
        assertEquals(expected, seen);
    }

    @Test
    void ogcApiDescribesEveryInputWithItsDefaultAndCardinality() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (ProcessDescription process : ProcessDescriptions.all()) {
            JsonNode inputs = json.readTree(get("/processes/" + process.id())).path("inputs");
            List<String> names = new ArrayList<>();
            inputs.fieldNames().forEachRemaining(names::add);
            assertEquals(process.inputs().stream().map(Parameter::name).toList(), names, process.id());
            for (Parameter input : process.inputs()) {
                JsonNode node = inputs.path(input.name());
                JsonNode given = node.path("schema").path("default");
                String expected = defaultOf(input);
                if (given.isNumber()) {   // JSON writes 0 of a double as 0.0
                    assertEquals(Double.parseDouble(expected), given.asDouble(), process.id() + "/" + input.name());
                } else {
                    assertEquals(expected, given.isMissingNode() ? null : given.asText(), process.id() + "/"
                            + input.name());
                }
                assertEquals(input.minOccurs(), node.path("minOccurs").asInt(), input.name());
            }
        }
    }

    @Test
    void theCommandLineOffersEveryInputByItsRuleWithItsDefault() {
        CommandLine line = Main.commandLine();
        List<String> missing = new ArrayList<>();
        for (ProcessDescription process : ProcessDescriptions.all()) {
            if (NOT_ON_THE_COMMAND_LINE.containsKey(process.id() + "/*")) {
                continue;
            }
            CommandLine command = line.getSubcommands().get(COMMANDS.get(process.id()));
            for (Parameter input : process.inputs()) {
                if (NOT_ON_THE_COMMAND_LINE.containsKey(process.id() + "/" + input.name())) {
                    continue;
                }
                OptionSpec option = command.getCommandSpec().findOption(OptionNames.flag(input.name()));
                if (option == null) {
                    missing.add(process.id() + "/" + input.name() + " as " + OptionNames.flag(input.name()));
                    continue;
                }
                assertEquals(defaultOf(input), option.defaultValue(), option.longestName());
                // required inputs are checked with the others (a command may give one another way), and say so
                assertEquals(input.minOccurs() > 0, String.join(" ", option.description()).contains("Required."),
                        option.longestName());
                assertEquals(input.maxOccurs() > 1, option.isMultiValue(), option.longestName() + " repeatable");
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(COMMANDS.keySet().stream().allMatch(id -> line.getSubcommands().containsKey(COMMANDS.get(id))));
    }

    @Test
    void geoServerOffersEveryProcessAndInputWithItsDefaultAndCardinality() {
        assertEquals(ProcessDescriptions.all(), GeoServerParameters.processes());
        for (ProcessDescription process : ProcessDescriptions.all()) {
            List<GeoServerParameters.Native> offered = GeoServerParameters.inputs(process);
            assertEquals(process.inputs().stream().map(Parameter::name).toList(),
                    offered.stream().map(GeoServerParameters.Native::name).toList(), process.id());
            for (int i = 0; i < offered.size(); i++) {
                Parameter input = process.inputs().get(i);
                GeoServerParameters.Native as = offered.get(i);
                String where = process.id() + "/" + input.name();
                assertEquals(input.minOccurs(), as.minOccurs(), where);
                assertEquals(input.maxOccurs(), as.maxOccurs(), where);
                String expected = defaultOf(input);
                if (as.defaultValue() instanceof Number number) {
                    assertEquals(Double.parseDouble(expected), number.doubleValue(), where);
                } else {
                    assertEquals(expected, as.defaultValue(), where);
                }
            }
        }
    }
}
