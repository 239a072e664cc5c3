package io.rgbunmix.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import org.slf4j.LoggerFactory;

/**
 * Where and how the server logs (the {@code logging} settings): one line per event on standard error,
 * readable text by default, or one JSON object per line for a log collector (Logback's JsonEncoder: the
 * time, level, logger, message and the event's key-value pairs, such as the access log's method, path,
 * status, duration and job). Done once at the start of {@code serve}, before anything is logged.
 */
public final class Logs {
    /** The readable line: time with its offset, level, thread, logger, message. */
    static final String TEXT = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n";

    private Logs() {
    }

    /** Logs every event of level INFO and above to {@code out}, in the settings' format. */
    public static void configure(Settings.Logging logging, OutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder;
        if (logging.format().equals("json")) {
            JsonEncoder json = new JsonEncoder();
            // no sequence numbers or context properties: the line a collector needs, no more
            json.setWithSequenceNumber(false);
            json.setWithContext(false);
            encoder = json;
        } else {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(TEXT);
            encoder = text;
        }
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
    }
}
