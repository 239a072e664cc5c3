package io.rgbunmix.process;

import java.nio.file.Path;

/** A value a client gave for an input, already decoded by the interface that received it. */
public sealed interface InputValue permits InputValue.Literal, InputValue.Complex {
    /** A literal, as text. */
    record Literal(String text) implements InputValue {
    }

    /** A complex value: its mime type and the file its bytes were stored in. */
    record Complex(String mimeType, Path file) implements InputValue {
    }
}
