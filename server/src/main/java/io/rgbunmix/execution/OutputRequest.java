package io.rgbunmix.execution;

/** An output a client asks for, in a given format (null: the output's default format). */
public record OutputRequest(String name, String mimeType) {
}
