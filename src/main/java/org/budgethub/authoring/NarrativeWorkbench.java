package org.budgethub.authoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.disclosure.DisclosureBuilder;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.DataError;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeDrafter;
import org.budgethub.validation.Validator;

/**
 * What the authoring API does with words without storing them: the hub's draft, the validation
 * findings of words being typed, and the 说明 they make. Each reads the agency's extract as a run does
 * ({@code direct:narrative-extract}: the same SQL and ingest; a department consolidated from its
 * units), kept for {@code hub.narratives.extract-cache-ms} so a check per keystroke does not read the
 * finance database each time; the disclosure is built and validated by the run's own beans.
 */
@Component
public class NarrativeWorkbench {

    private static final int MAX_CACHED = 200;

    private final ProducerTemplate producer;
    private final AgencyDirectory directory;
    private final NarrativeStore store;
    private final DisclosureBuilder builder;
    private final Validator validator;
    private final Duration keep;
    private final NarrativeDrafter drafter = new NarrativeDrafter();
    private final Map<DisclosureId, Cached> extracts = new ConcurrentHashMap<>();

    public NarrativeWorkbench(ProducerTemplate producer, AgencyDirectory directory, NarrativeStore store, DisclosureBuilder builder,
                              Validator validator, HubProperties hub) {
        this.producer = producer;
        this.directory = directory;
        this.store = store;
        this.builder = builder;
        this.validator = validator;
        this.keep = hub.narratives().extractCacheMs();
    }

    /** A unit's (or a department's, with its units') extract, as read at {@code read}. */
    public record Extracted(AgencyExtract extract, List<AgencyExtract> units, boolean department, Instant read) {
    }

    private record Cached(Extracted extracted, Instant until) {
    }

    /** The hub's draft and the confirmed words of an earlier year it carried forward (empty: none). */
    public record Draft(NarrativeInput words, Optional<NarrativeVersion> basedOn) {
    }

    /** What the 说明 looks like with some words: the disclosure (title, sections) and the findings of those words. */
    public record Preview(Disclosure disclosure, List<Finding> findings) {
    }

    /** The hub's draft of (code, year): from the extract and the latest confirmed words of an earlier year. Not stored. */
    public Draft draft(int year, String code) {
        Extracted e = extract(year, code);
        Optional<NarrativeVersion> earlier = store.latestConfirmedBefore(code, year);
        NarrativeInput drafted = drafter.draft(e.extract(), earlier.map(NarrativeVersion::words).orElse(null));
        return new Draft(Words.canonical(code, year, drafted), earlier);
    }

    /**
     * The validation findings of a disclosure built from {@code words}, as the run's validation stage
     * finds them (表文一致 and every other rule; FATAL ones included, which would hold the agency back).
     */
    public List<Finding> check(int year, String code, NarrativeInput words) {
        return preview(year, code, words).findings();
    }

    /** The disclosure built from {@code words} and its findings; nothing is stored. */
    public Preview preview(int year, String code, NarrativeInput words) {
        Extracted e = extract(year, code);
        AgencyWork work = new AgencyWork(new DisclosureId(year, code), null, null, false, e.department());
        work.setExtract(e.extract());
        work.setUnitExtracts(e.units());
        work.setNarrative(words);
        builder.build(work);
        Disclosure built = work.disclosure();
        try {
            validator.check(work);
            return new Preview(built, work.findings());
        } catch (DataError held) {
            return new Preview(built, held.findings());
        }
    }

    /**
     * The extract of (code, year), read again once it is older than {@code hub.narratives.extract-cache-ms}.
     *
     * @throws DataError when the finance system cannot make one (no such unit of the year, a department without units)
     */
    public Extracted extract(int year, String code) {
        DisclosureId id = new DisclosureId(year, code);
        Instant now = Instant.now();
        Cached cached = extracts.get(id);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.extracted();
        }
        boolean department = directory.find(year, code).map(AgencyDirectory.Entry::isDepartment).orElse(false);
        AgencyWork work;
        try {
            work = producer.requestBody("direct:narrative-extract", new NarrativeExtracts.Target(year, code, department), AgencyWork.class);
        } catch (CamelExecutionException failed) {
            Throwable cause = failed.getCause() != null ? failed.getCause() : failed;
            throw cause instanceof RuntimeException r ? r : failed;
        }
        Extracted extracted = new Extracted(work.extract(), work.unitExtracts(), department, now);
        if (!keep.isZero()) {
            prune(now);
            extracts.put(id, new Cached(extracted, now.plus(keep)));
        }
        return extracted;
    }

    private void prune(Instant now) {
        extracts.values().removeIf(c -> !c.until().isAfter(now));
        if (extracts.size() >= MAX_CACHED) {
            Iterator<DisclosureId> oldest = extracts.keySet().iterator();
            while (extracts.size() >= MAX_CACHED && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
    }
}
