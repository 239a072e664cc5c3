package io.rgbunmix.geoserver;

import io.rgbunmix.processes.GeoServerParameters.Native;
import io.rgbunmix.processes.GeoServerParameters;
import io.rgbunmix.processes.ProcessDescription;
import java.awt.RenderingHints;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.geoserver.wps.process.AbstractRawData;
import org.geoserver.wps.process.RawData;
import org.geotools.api.data.Parameter;
import org.geotools.api.feature.type.Name;
import org.geotools.api.util.InternationalString;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.feature.NameImpl;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.process.Process;
import org.geotools.process.ProcessFactory;
import org.geotools.process.Processors;
import org.geotools.text.Text;

/**
 * Every rgbunmix process in GeoServer's WPS, made from its description: the parameters are the
 * {@link GeoServerParameters} of each input and output, turned into GeoTools parameters here and nowhere
 * else. A Spring bean, registered with GeoTools' processors as GeoServer's own factories are.
 */
public class UnmixProcessFactory implements ProcessFactory {
    private final UnmixModels models;
    private final Map<Name, ProcessDescription> processes = new LinkedHashMap<>();

    public UnmixProcessFactory(UnmixModels models) {
        this.models = models;
        for (ProcessDescription process : GeoServerParameters.processes()) {
            String[] name = GeoServerParameters.name(process);
            processes.put(new NameImpl(name[0], name[1]), process);
        }
        Processors.addProcessFactory(this);
    }

    @Override
    public InternationalString getTitle() {
        return Text.text("rgbunmix land-cover abundances");
    }

    @Override
    public Set<Name> getNames() {
        return new LinkedHashSet<>(processes.keySet());
    }

    private ProcessDescription process(Name name) {
        ProcessDescription process = processes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("rgbunmix has no process " + name);
        }
        return process;
    }

    @Override
    public InternationalString getTitle(Name name) {
        return Text.text(process(name).title());
    }

    @Override
    public InternationalString getDescription(Name name) {
        return Text.text(process(name).description());
    }

    @Override
    public Map<String, Parameter<?>> getParameterInfo(Name name) {
        return parameters(GeoServerParameters.inputs(process(name)));
    }

    @Override
    public Map<String, Parameter<?>> getResultInfo(Name name, Map<String, Object> parameters) {
        return parameters(GeoServerParameters.outputs(process(name)));
    }

    @Override
    public Process create(Name name) {
        return new UnmixProcess(process(name), models);
    }

    @Override
    public boolean supportsProgress(Name name) {
        return true;
    }

    @Override
    public String getVersion(Name name) {
        return process(name).version();
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public Map<RenderingHints.Key, ?> getImplementationHints() {
        return Map.of();
    }

    private static Map<String, Parameter<?>> parameters(List<Native> natives) {
        Map<String, Parameter<?>> parameters = new LinkedHashMap<>();
        natives.forEach(p -> parameters.put(p.name(), parameter(p)));
        return parameters;
    }

    /** One parameter as GeoTools describes it: type, cardinality, default ("sample") and domain. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Parameter<?> parameter(Native p) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (!p.options().isEmpty()) {
            metadata.put(Parameter.OPTIONS, p.options());
        }
        if (p.minimum() != null) {
            metadata.put(Parameter.MIN, p.binding() == GeoServerParameters.Binding.INTEGER
                    ? (Object) p.minimum().intValue() : p.minimum());
        }
        if (p.maximum() != null) {
            metadata.put(Parameter.MAX, p.binding() == GeoServerParameters.Binding.INTEGER
                    ? (Object) p.maximum().intValue() : p.maximum());
        }
        if (!p.mimeTypes().isEmpty()) {
            metadata.put(AbstractRawData.MIME_TYPES, String.join(",", p.mimeTypes()));
        }
        return new Parameter(p.name(), type(p.binding()), Text.text(p.title()), Text.text(p.description()),
                p.required(), p.minOccurs(), p.maxOccurs(), p.defaultValue(), metadata);
    }

    static Class<?> type(GeoServerParameters.Binding binding) {
        return switch (binding) {
            case TEXT -> String.class;
            case INTEGER -> Integer.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case COVERAGE -> GridCoverage2D.class;
            case FEATURES -> SimpleFeatureCollection.class;
            case RAW_DATA -> RawData.class;
            case ENVELOPE -> ReferencedEnvelope.class;
        };
    }
}
