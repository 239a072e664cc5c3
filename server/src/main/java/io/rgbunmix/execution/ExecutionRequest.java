package io.rgbunmix.execution;

import io.rgbunmix.processes.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One execution as a protocol reads it from its request: the process, the values given for each input, the
 * outputs asked for (none: every output in its default format), and how it is to run.
 *
 * @param async   stored for a worker and answered at once, rather than run while the client waits
 * @param owner   the caller's subject, or null on an open server
 * @param folder  the staging folder the protocol wrote inline values into; the execution deletes it
 * @param extras  what a protocol adds of its own ({@link Extras#NONE} for none)
 */
public record ExecutionRequest(Process<?> process, Map<String, List<GivenValue>> inputs, List<OutputRequest> outputs,
                               boolean async, String owner, Path folder, Extras extras) {
    public ExecutionRequest {
        inputs = Map.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** What the protocol checks of the chosen outputs once the inputs passed (WPS: one output for a raw answer). */
    public interface OutputsCheck {
        OutputsCheck NONE = outputs -> { };

        void check(List<OutputRequest> outputs) throws InputException;
    }

    /**
     * References the protocol answers itself, without the network: a WPS Execute on this very server, chained.
     */
    public interface OwnReferences {
        OwnReferences NONE = new OwnReferences() {
            @Override
            public boolean answers(GivenValue.Reference reference) {
                return false;
            }

            @Override
            public void answer(String input, GivenValue.Reference reference, Path body, Path file) {
                throw new IllegalStateException("no reference is answered here");
            }
        };

        boolean answers(GivenValue.Reference reference);

        /** Writes the answer to {@code reference} (posted with the file {@code body}, or null) into {@code file}. */
        void answer(String input, GivenValue.Reference reference, Path body, Path file)
                throws InputException, IOException;
    }

    /**
     * What a protocol adds to the one pipeline.
     *
     * @param outputsCheck  its own rule on the chosen outputs
     * @param kept          files of the staging folder the job keeps beside its results (WPS: the lineage, the
     *                      output form)
     * @param own           references it answers itself
     * @param subscriber    where the job's news is POSTed (OGC API's callbacks), or null
     */
    public record Extras(OutputsCheck outputsCheck, List<Path> kept, OwnReferences own,
                         Callbacks.Subscription subscriber) {
        public static final Extras NONE = new Extras(OutputsCheck.NONE, List.of(), OwnReferences.NONE, null);

        /** Only a subscriber. */
        public static Extras subscribed(Callbacks.Subscription subscriber) {
            return new Extras(OutputsCheck.NONE, List.of(), OwnReferences.NONE, subscriber);
        }
    }
}
