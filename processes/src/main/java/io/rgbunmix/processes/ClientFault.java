package io.rgbunmix.processes;

/**
 * Implemented by the exceptions with which work refuses its inputs: the job then fails as the
 * client's fault (an OWS exception code and the input at fault), which the interfaces answer
 * with a 4xx, not as a fault of the server.
 */
public interface ClientFault {
    /** The OWS exception code, e.g. InvalidParameterValue. */
    String code();

    /** The input at fault, or null. */
    String locator();
}
