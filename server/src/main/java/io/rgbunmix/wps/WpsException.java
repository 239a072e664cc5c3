package io.rgbunmix.wps;

/**
 * A request the server refuses, with its OWS exception code, locator and HTTP status
 * (400 for client errors, 503 for ServerBusy, 500 otherwise).
 */
final class WpsException extends Exception {
    private final String code;
    private final String locator;
    private final int httpStatus;

    WpsException(String code, String locator, String message, int httpStatus) {
        super(message);
        this.code = code;
        this.locator = locator;
        this.httpStatus = httpStatus;
    }

    static WpsException client(String code, String locator, String message) {
        return new WpsException(code, locator, message, 400);
    }

    String code() {
        return code;
    }

    String locator() {
        return locator;
    }

    int httpStatus() {
        return httpStatus;
    }
}
