package io.rgbunmix.htmlcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Every HTML page a person gets from rgbunmix, as the server's tests saved it (PagesTest: one file per
 * page kind under target/pages), passes the Nu HTML checker's HTML5 rules with no error.
 */
class PagesAreValidHtmlTest {
    private static final Path PAGES = Path.of("target", "pages");
    /** The page kinds the server's tests must have saved: none may go unchecked. */
    private static final Set<String> EXPECTED = Set.of("landing.html", "conformance.html", "processes.html",
            "process-estimate-abundances.html", "process-echo.html", "jobs.html", "job.html", "results.html",
            "problem.html", "wps.html", "abundances.html", "collections.html", "collection.html", "items.html");

    /**
     * CSS the 2020 checker does not know, all in Leaflet 1.9.4's own stylesheet (inlined in
     * abundances.html): two newer properties browsers support, and an old Internet Explorer hack.
     */
    private static final List<String> LEAFLET_CSS = List.of("“mix-blend-mode”: “plus-lighter”",
            "Property “print-color-adjust” doesn't exist", "Property “behavior” doesn't exist");

    static List<String> errors(String html) throws Exception {
        List<String> errors = new ArrayList<>();
        ErrorHandler handler = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // advice, not invalid HTML
            }

            @Override
            public void error(SAXParseException e) {
                if (e.getMessage().startsWith("CSS:") && LEAFLET_CSS.stream().anyMatch(e.getMessage()::contains)) {
                    return;
                }
                errors.add("line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        SimpleDocumentValidator validator = new SimpleDocumentValidator();
        validator.setUpMainSchema("http://s.validator.nu/html5-all.rnc", handler);
        validator.setUpValidatorAndParsers(handler, true, false);
        InputSource source = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        source.setEncoding("UTF-8");
        validator.checkHtmlInputSource(source);
        return errors;
    }

    @Test
    void theCheckerFindsErrorsInABrokenPageAndNoneInAGoodOne() throws Exception {
        String good = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head>"
                + "<body><p>ok</p></body></html>";
        assertEquals(List.of(), errors(good));
        assertFalse(errors(good.replace("<p>ok</p>", "<p><span id=\"x\"></span><i id=\"x\"></i><li>")).isEmpty());
    }

    @TestFactory
    Stream<DynamicTest> everySavedPageIsValid() throws Exception {
        assertTrue(Files.isDirectory(PAGES), PAGES.toAbsolutePath() + " is missing: the server's tests save the pages");
        List<Path> pages;
        try (Stream<Path> files = Files.list(PAGES)) {
            pages = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
        Set<String> names = Set.copyOf(pages.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(names.containsAll(EXPECTED), "pages saved: " + names + ", expected at least " + EXPECTED);
        return pages.stream().map(page -> DynamicTest.dynamicTest(page.getFileName().toString(), () ->
                assertEquals(List.of(), errors(Files.readString(page)), page + " is not valid HTML")));
    }
}
