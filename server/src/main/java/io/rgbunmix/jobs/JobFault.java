package io.rgbunmix.jobs;

/** Why a failed job failed when the client's input was at fault: an OWS exception code and the input. */
public record JobFault(String code, String locator) {
}
