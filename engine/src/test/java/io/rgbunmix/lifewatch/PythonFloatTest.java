package io.rgbunmix.lifewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {
    /** Right-hand sides printed by CPython 3.11's repr() for the same doubles. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "8.593524247407913|8.593524247407913",
        "62.82767057418823|62.82767057418823",
        "0.02901912957895547|0.02901912957895547",
        "100.0|100.0",
        "0.1|0.1",
        "0.0001|0.0001",
        "0.00001234|1.234e-05",
        "-2.5e-7|-2.5e-07",
        "1e16|1e+16",
        "1e15|1000000000000000.0",
        "123456789012345678|1.2345678901234568e+17",
        "0.0|0.0",
        "0.3333333333333333|0.3333333333333333",
        "2e-3|0.002",
    })
    void formatsLikePythonRepr(double value, String python) {
        assertEquals(python, PythonFloat.repr(value));
    }
}
