package io.rgbunmix.cli;

import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rgbunmix models}: lists the installed models and verifies each one. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the models and verify each (card, sha256, tensor names and shapes). "
                + "Exit code 1 if any model fails.")
final class ModelsCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        int failures = 0;
        try (ModelStore store = engine.store()) {
            for (ModelStore.Entry entry : store.list()) {
                String problem = entry.problem();
                if (problem == null) {
                    try {
                        store.verify(entry.folder());
                    } catch (ModelException e) {
                        problem = e.getMessage();
                    }
                }
                String name = entry.folder().getFileName().toString();
                if (problem != null) {
                    failures++;
                    engine.out().println(name + "  FAILED: " + problem);
                } else {
                    var card = entry.card();
                    engine.out().println(name + "  ok  level " + card.level() + ", " + card.classes().size()
                            + " classes" + (card.trained() ? "" : ", UNTRAINED") + "  " + card.title());
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
