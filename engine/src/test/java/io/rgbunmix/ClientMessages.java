package io.rgbunmix;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a message meant for a client must never show: Java names, stack frames, server-side files, parsers' words. */
public final class ClientMessages {
    private static final Pattern INTERNALS = Pattern.compile("\\b(java|javax|jdk|sun|com\\.fasterxml|org\\.apache"
            + "|org\\.eclipse|org\\.locationtech|io\\.rgbunmix|io\\.javalin|picocli)\\.[a-z]|\\b\\w+(Exception|Error)\\b"
            + "|\\bat [\\w.$]+\\(|\\.dat\\b|\\binput-\\d|\\.body\\b|\\bstaging\\b|\\bwork/jobs\\b"
            // parsers' and codecs' own words, and the server's temporary folder
            + "|\\bJAXP\\d|StreamReadConstraints|\\bopj_\\w+|IReadBlock|\\bInput length = |/tmp/");

    private ClientMessages() {
    }

    /** Fails when {@code text} shows an internal (a class name, a stack frame, a staging file). */
    public static void assertInWords(String text, String context) {
        assertInWords(text, context, "");
    }

    /**
     * The same, for a message that may quote what the client sent ({@code sent}): a match found in
     * the client's own bytes is an echo, not a leak.
     */
    public static void assertInWords(String text, String context, byte[] sent) {
        assertInWords(text, context, new String(sent, StandardCharsets.UTF_8));
    }

    private static void assertInWords(String text, String context, String sent) {
        Matcher leak = INTERNALS.matcher(String.valueOf(text));
        while (leak.find()) {
            if (sent.isEmpty() || !sent.contains(leak.group())) {
                fail(context + " shows internals ('" + leak.group() + "'): " + text);
            }
        }
    }
}
