package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BrowsersTest {
    private static final String CHROMIUM = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
            + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    private static final String FIREFOX = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    /** What java.net.HttpURLConnection sends when a client sets no Accept header. */
    private static final String JAVA = "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2";

    @Test
    void browsersGetHtml() {
        assertTrue(Browsers.wantsHtml(null, CHROMIUM));
        assertTrue(Browsers.wantsHtml(null, FIREFOX));
        assertTrue(Browsers.wantsHtml(null, "application/xhtml+xml, text/html;q=1.0"));
    }

    @Test
    void clientsWhoseAcceptStartsWithHtmlDoNot() {
        assertFalse(Browsers.wantsHtml(null, JAVA));
        assertFalse(Browsers.wantsHtml(null, "text/html"));
        assertFalse(Browsers.wantsHtml(null, "*/*"));
        assertFalse(Browsers.wantsHtml(null, null));
        assertFalse(Browsers.wantsHtml(null, "application/json"));
        assertFalse(Browsers.wantsHtml(null, "application/json, application/xhtml+xml;q=0.5, text/html;q=0.5"));
        assertFalse(Browsers.wantsHtml(null, "text/html;q=0, application/xhtml+xml"));
    }

    @Test
    void theFormatParameterDecides() {
        assertTrue(Browsers.wantsHtml("html", "application/json"));
        assertTrue(Browsers.wantsHtml("HTML", null));
        assertFalse(Browsers.wantsHtml("json", CHROMIUM));
        assertTrue(Browsers.wantsHtml("", CHROMIUM));
    }
}
