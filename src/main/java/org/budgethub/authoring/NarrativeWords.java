package org.budgethub.authoring;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.model.AgencyWork;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * Where a run gets its words ({@link RunWords}), and the model stage's step that puts them on an
 * agency's work item (routes/agency.camel.yaml, bean {@code narrativeWords}). With
 * {@code hub.narratives.source: store} a run first imports the folder (cheap when nothing changed);
 * with {@code folder} it reads the folder itself, re-reading only the files edited since the last run.
 */
@Component("narrativeWords")
public class NarrativeWords {

    private final NarrativeStore store;
    private final NarrativeImport importer;
    private final HubProperties.Narratives settings;
    private final Path folder;
    /** What the narrative files held at the last scan (source folder): a run re-reads only the files edited since. */
    private final NarrativeLibrary.Cache cache = new NarrativeLibrary.Cache();

    public NarrativeWords(NarrativeStore store, NarrativeImport importer, HubProperties hub) {
        this.store = store;
        this.importer = importer;
        this.settings = hub.narratives();
        this.folder = Path.of(settings.dir());
    }

    /** The folder the words are imported from (or read from). */
    public Path folder() {
        return folder.toAbsolutePath().normalize();
    }

    /**
     * The words of a run that begins now: the folder imported into the store first (its problems,
     * each naming its file, line and reason, go to {@code warn}), or the folder read itself.
     */
    public RunWords begin(int year, Consumer<String> warn) {
        if (settings.source() == HubProperties.NarrativeSource.FOLDER) {
            RunWords words = RunWords.ofFolder(NarrativeLibrary.scan(folder, cache), year, settings.missing());
            words.problems().forEach(warn);
            return words;
        }
        importer.importFolder().problems().forEach(warn);
        return RunWords.ofStore(store, year, settings.missing());
    }

    /** The words of a run another instance began (a distributed run's consumer): no import, that instance did it. */
    public RunWords join(int year) {
        if (settings.source() == HubProperties.NarrativeSource.FOLDER) {
            return RunWords.ofFolder(NarrativeLibrary.scan(folder, cache), year, settings.missing());
        }
        return RunWords.ofStore(store, year, settings.missing());
    }

    /** The model stage: the agency's words (the latest version, the hub's draft, or none) on its work item. */
    public AgencyWork attach(AgencyWork work, RunWords words) {
        return words.attach(work);
    }
}
