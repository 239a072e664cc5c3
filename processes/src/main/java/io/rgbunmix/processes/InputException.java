package io.rgbunmix.processes;


/**
 * A client's input that does not fit the process description. The code is the OWS exception code
 * (MissingParameterValue, InvalidParameterValue) and the locator the input's name, so that both
 * WPS ExceptionReports and OGC API problem details can say exactly what is wrong.
 */
public class InputException extends Exception implements ClientFault {
    public static final String MISSING = "MissingParameterValue";
    public static final String INVALID = "InvalidParameterValue";

    private final String code;
    private final String locator;

    public InputException(String code, String locator, String message) {
        super(message);
        this.code = code;
        this.locator = locator;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String locator() {
        return locator;
    }
}
