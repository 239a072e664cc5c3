package io.rgbunmix.execution;

import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.jobs.JobWork;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.MimeTypes;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessInputs;
import java.util.ArrayList;
import java.util.List;

/**
 * A process: its description, its own checks of valid inputs, and how to run it inside a job.
 *
 * @param <P> what its checks make of the inputs (its options read once), which its run takes
 */
public interface Process<P> {
    ProcessDescription description();

    /**
     * Checks what the description cannot express (inputs that exclude each other, values with a syntax),
     * before any job is accepted, so that a client learns of its mistake from the request itself; returns what the
     * run takes, so that an execution reads its options once.
     */
    P check(ProcessInputs inputs) throws InputException;

    /**
     * Whether a reference given for {@code input} in {@code mimeType} is better left on its server and
     * read in parts when the job runs (a cloud-optimised GeoTIFF), rather than downloaded whole first.
     * The interfaces still check its URL against the reference rules, and download it whole after all
     * where its server does not answer range requests.
     */
    default boolean readsInPlace(String input, String mimeType) {
        return false;
    }

    /**
     * Runs on inputs checked by {@link ProcessInputs#validate} and {@link #check}; writes each requested output into
     * {@code context.directory()} and returns the file names, in the order of {@code outputs}.
     * Literal outputs are written as their text.
     */
    List<String> execute(P checked, List<OutputRequest> outputs, JobContext context) throws Exception;

    /**
     * The work of a job for {@code inputs}: checked now, run when the job runs. A refusal of the checks is thrown
     * here, before any job is made.
     */
    static <P> JobWork work(Process<P> process, ProcessInputs inputs, List<OutputRequest> outputs)
            throws InputException {
        P checked = process.check(inputs);
        return context -> process.execute(checked, outputs, context);
    }

    /**
     * Checks the requested outputs against the description; none requested means every output in its
     * default format. Returns the requests with each format made explicit.
     */
    default List<OutputRequest> outputs(List<OutputRequest> requested) throws InputException {
        ProcessDescription d = description();
        List<OutputRequest> wanted = requested == null || requested.isEmpty()
                ? d.outputs().stream().map(o -> new OutputRequest(o.name(), null)).toList() : requested;
        List<OutputRequest> checked = new ArrayList<>();
        for (OutputRequest request : wanted) {
            Parameter output = d.output(request.name()).orElseThrow(() -> new InputException(InputException.INVALID,
                    request.name(), "process " + d.id() + " has no output '" + request.name() + "'"));
            String mimeType = request.mimeType();
            if (output.type() instanceof Parameter.Complex complex) {
                String asked = mimeType;
                // the format as the description names it: GeoJSON's two media types are one format
                mimeType = asked == null ? complex.defaultFormat().mimeType() : complex.resolve(asked).orElseThrow(() ->
                        new InputException(InputException.INVALID, request.name(), "output '" + request.name()
                                + "' cannot be given as " + asked + "; use one of "
                                + String.join(", ", complex.formats().stream().map(Format::mimeType).toList())));
            } else if (mimeType == null) {
                mimeType = Format.TEXT.mimeType();
            }
            checked.add(new OutputRequest(request.name(), MimeTypes.normalise(mimeType)));
        }
        return checked;
    }

    /** The file name of an output in a given format: name plus the format's usual extension. */
    static String fileName(OutputRequest output) {
        return output.name() + "." + Format.extension(output.mimeType());
    }
}
