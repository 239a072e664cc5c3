package io.rgbunmix.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code model.json} that describes a {@code model.onnx}: its classes in output order,
 * the names of its tensors and where it comes from.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String id,
        Level level,
        String title,
        List<ClassInfo> classes,
        TensorNames tensors,
        List<Variable> ancillary,
        Integer windowSize,
        Double groundSampleDistance,
        String sha256,
        JsonNode provenance) {

    /** One output class: a snake_case key for attribute names and the exact SIPNA name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClassInfo(String key, String name) {
    }

    /** Names of the two inputs and two outputs; any of them may be absent. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TensorNames(String image, String ancillary, String abundance, String presence) {
    }

    /** An ancillary variable and its unit. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Variable(String name, String unit) {
    }

    /** Whether the weights were quantized from a full-precision model (provenance.quantization). */
    public boolean quantized() {
        return provenance != null && provenance.hasNonNull("quantization");
    }

    /** Whether the provenance says the weights were trained (absent means trained). */
    public boolean trained() {
        return provenance == null || provenance.path("trained").asBoolean(true);
    }

    static ModelCard read(Path file, ObjectMapper json) throws ModelException {
        ModelCard card;
        try {
            card = json.readValue(file.toFile(), ModelCard.class);
        } catch (IOException e) {
            throw new ModelException(file + ": not a readable model card: " + e.getMessage());
        }
        if (card.id() == null || card.level() == null || card.classes() == null || card.classes().isEmpty()) {
            throw new ModelException(file + ": the model card needs 'id', 'level' and 'classes'");
        }
        for (ClassInfo c : card.classes()) {
            if (c.key() == null || !c.key().matches("[a-z][a-z0-9_]*") || c.name() == null) {
                throw new ModelException(file + ": every class needs a snake_case 'key' and a 'name', got " + c);
            }
        }
        return card;
    }
}
