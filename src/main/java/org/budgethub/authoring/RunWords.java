package org.budgethub.authoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.budgethub.config.HubProperties.MissingWords;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeDrafter;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * One run's view of the words (the run context carries it): the narrative store's latest version of
 * each unit and department, or the YAML folder itself ({@code hub.narratives.source: folder}, the
 * export command); and for one without any words, the hub's draft ({@code hub.narratives.missing:
 * draft}, built at the model stage from the agency's extract and the confirmed words of an earlier
 * year, used and not stored, marked unconfirmed) or nothing (hold: validation holds it back).
 */
public final class RunWords {

    private final NarrativeStore store;
    private final NarrativeLibrary library;
    private final MissingWords missing;
    private final int year;
    private final NarrativeDrafter drafter = new NarrativeDrafter();
    /** The fingerprints of the year, read once, when the run's plan first asks. */
    private Map<String, String> fingerprints;

    private RunWords(NarrativeStore store, NarrativeLibrary library, MissingWords missing, int year) {
        this.store = store;
        this.library = library;
        this.missing = missing;
        this.year = year;
    }

    /** The store's words of {@code year}. */
    public static RunWords ofStore(NarrativeStore store, int year, MissingWords missing) {
        return new RunWords(store, null, missing, year);
    }

    /** The folder's words, as the export command reads them. */
    public static RunWords ofFolder(NarrativeLibrary library, int year, MissingWords missing) {
        return new RunWords(null, library, missing, year);
    }

    /** Whether the run reads the store (else the folder). */
    public boolean fromStore() {
        return store != null;
    }

    /** How many units and departments have words (in the store, of the year; in the folder, of any year). */
    public int size() {
        return store != null ? store.codes(year).size() : library.size();
    }

    /** The folder's problems (files that cannot be read); the store's import reports its own. */
    public List<String> problems() {
        return library == null ? List.of() : library.problems();
    }

    /**
     * The incremental sync's narrative fingerprint of a unit or department of the year: the content
     * hash of its latest version (a save changes it), or the folder's file fingerprint; without words,
     * under {@code draft}, what the draft carries forward (the earlier year's confirmed words).
     */
    public String fingerprint(String code) {
        return fingerprints().getOrDefault(code, store != null && missing == MissingWords.DRAFT ? "draft:" : "");
    }

    /** One query for the latest versions of the year (and, under draft, one for the earlier years' confirmed words). */
    private synchronized Map<String, String> fingerprints() {
        if (fingerprints == null) {
            Map<String, String> out = new java.util.HashMap<>();
            if (store == null) {
                out.putAll(library.contentHashes(year));
            } else {
                if (missing == MissingWords.DRAFT) {
                    store.earlierHeads(year).forEach((code, hash) -> out.put(code, "draft:" + hash));
                }
                store.heads(year).forEach((code, head) -> out.put(code, head.hash()));
            }
            fingerprints = out;
        }
        return fingerprints;
    }

    /**
     * The model stage's words for the agency (its extract is read): the latest version, else the
     * hub's draft marked unconfirmed, else none.
     *
     * @throws org.budgethub.model.DataError when the folder holds two files for the agency, or one that cannot be read
     */
    public AgencyWork attach(AgencyWork work) {
        String code = work.agency();
        Optional<NarrativeInput> words = store != null ? store.latest(code, work.year()).map(NarrativeVersion::words)
                : library.find(code, work.year());
        if (words.isPresent()) {
            work.setNarrative(words.get());
        } else if (missing == MissingWords.DRAFT) {
            work.setNarrative(draft(work), true);
        } else {
            work.setNarrative(null);
        }
        return work;
    }

    private NarrativeInput draft(AgencyWork work) {
        String code = work.agency();
        NarrativeInput earlierWords = store != null
                ? store.latestConfirmedBefore(code, work.year()).map(NarrativeVersion::words).orElse(null)
                : library.latestBefore(code, work.year()).orElse(null);
        return Words.canonical(code, work.year(), drafter.draft(work.extract(), earlierWords));
    }
}
