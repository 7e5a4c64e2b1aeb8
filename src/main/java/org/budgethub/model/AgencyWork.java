package org.budgethub.model;

import java.util.List;
import java.util.Objects;

/**
 * One agency's journey through a run, carried from stage to stage as the route's one work item:
 * what it is (the disclosure id and the run's element tables), then what each stage made of it
 * (the extract, the narrative, the disclosure with its findings, the rendered files, the delivery
 * claim). Each stage fills its own part; a retried stage finds the parts before it in place.
 * One agency is handled by one thread at a time, so no field needs guarding.
 *
 * <p>A department (部门预算) is one work item too: its units are read together, their extracts kept
 * (validation checks each), and the extract is theirs consolidated.
 */
public final class AgencyWork {

    private final DisclosureId id;
    private final ElementTables elements;
    private final ElementTables previousElements;
    private final boolean force;
    private final boolean department;
    private String builtBy = "unknown";
    private List<String> agencies;
    private List<AgencyExtract> unitExtracts = List.of();
    private Stage stage;
    private long stageStartedAt = -1;
    private AgencyExtract extract;
    private NarrativeInput narrative;
    private boolean narrativeUnconfirmed;
    private Disclosure disclosure;
    private List<PackageFile> files;
    private PackageVersion version;
    private String outcome;
    private Published published;
    private int retries;
    private long firstAttemptNanos;

    /**
     * The package's version, its folder ({@code <year>/<agency>} locally, {@code …/v<n>} on the
     * CMS), where that is for a person, and the manifest that names its files.
     */
    public record PackageVersion(int version, String folder, String location, PackageFile manifest) {
    }

    /** A unit's journey. */
    public AgencyWork(DisclosureId id, ElementTables elements, ElementTables previousElements, boolean force) {
        this(id, elements, previousElements, force, false);
    }

    /** @param department a department's journey: {@code id}'s code is the department code D */
    public AgencyWork(DisclosureId id, ElementTables elements, ElementTables previousElements, boolean force, boolean department) {
        this.id = Objects.requireNonNull(id, "id");
        this.elements = elements;
        this.previousElements = previousElements;
        this.force = force;
        this.department = department;
        this.agencies = department ? List.of() : List.of(id.code());
    }

    public DisclosureId id() {
        return id;
    }

    /** A stage failed and is tried again: {@code retry} counts from 1 (the second attempt). */
    public void setRetry(int retry) {
        if (retries == 0) {
            firstAttemptNanos = System.nanoTime();
        }
        this.retries = retry;
    }

    /** How many times the failing stage was tried again (0: it failed, or passed, on its first attempt). */
    public int retries() {
        return retries;
    }

    /** Time since the first retry began, in ms: what an operator reads as "the attempts took". */
    public long retryingMs() {
        return retries == 0 ? 0 : (System.nanoTime() - firstAttemptNanos) / 1_000_000;
    }

    public String agency() {
        return id.code();
    }

    public int year() {
        return id.year();
    }

    public int previousYear() {
        return id.year() - 1;
    }

    public ElementTables elements() {
        return elements;
    }

    public ElementTables previousElements() {
        return previousElements;
    }

    public boolean department() {
        return department;
    }

    /** Who or what started the run that builds it ("user:alice", "schedule"): a reviewer may not be the same person. */
    public String builtBy() {
        return builtBy;
    }

    public void setBuiltBy(String builtBy) {
        this.builtBy = builtBy == null ? "unknown" : builtBy;
    }

    /** The agencies whose finance rows make this disclosure: the unit itself, or the department's units. */
    public List<String> agencies() {
        return agencies;
    }

    public void setAgencies(List<String> agencies) {
        this.agencies = List.copyOf(agencies);
    }

    /** A department's units' own extracts, in code order; empty for a unit. */
    public List<AgencyExtract> unitExtracts() {
        return unitExtracts;
    }

    public void setUnitExtracts(List<AgencyExtract> unitExtracts) {
        this.unitExtracts = List.copyOf(unitExtracts);
    }

    /** Send to the CMS even when the content was already delivered. */
    public boolean force() {
        return force;
    }

    /** The stage in progress; null before the first and after the last. */
    public Stage stage() {
        return stage;
    }

    /** When the stage in progress started (epoch milliseconds, as the run history recorded it); -1 if unknown. */
    public long stageStartedAt() {
        return stageStartedAt;
    }

    public void setStageStartedAt(long epochMillis) {
        this.stageStartedAt = epochMillis;
    }

    public void setStage(Stage stage) {
        this.stage = stage;
    }

    public AgencyExtract extract() {
        return extract;
    }

    public void setExtract(AgencyExtract extract) {
        this.extract = extract;
    }

    /** The authored words, or null when there are none for this agency and year (and the hub does not draft them). */
    public NarrativeInput narrative() {
        return narrative;
    }

    /** Words a person gave (imported from a file, saved in the console or through the API). */
    public void setNarrative(NarrativeInput narrative) {
        setNarrative(narrative, false);
    }

    /** @param unconfirmed the words are the hub's draft, which nobody confirmed (validation warns: narrative.unconfirmed) */
    public void setNarrative(NarrativeInput narrative, boolean unconfirmed) {
        this.narrative = narrative;
        this.narrativeUnconfirmed = narrative != null && unconfirmed;
    }

    /** Whether the words are the hub's draft, which nobody confirmed. */
    public boolean narrativeUnconfirmed() {
        return narrativeUnconfirmed;
    }

    public Disclosure disclosure() {
        return disclosure;
    }

    public void setDisclosure(Disclosure disclosure) {
        this.disclosure = disclosure;
    }

    /** The findings of the validation gate, once it ran. */
    public List<Finding> findings() {
        return disclosure == null ? List.of() : disclosure.findings();
    }

    /** The rendered content files, manifest not included; null until rendered. */
    public List<PackageFile> files() {
        return files;
    }

    public void setFiles(List<PackageFile> files) {
        this.files = List.copyOf(files);
    }

    /** The version laid out or claimed for delivery; null until published. */
    public PackageVersion version() {
        return version;
    }

    public void setVersion(PackageVersion version) {
        this.version = version;
    }

    /** True while a claimed version is being sent: the publish route uploads only then. */
    public boolean sending() {
        return version != null && outcome == null;
    }

    /** What publishing made of the package: the fact the run records; {@link #outcome()} is its text for a person. */
    public enum Published {
        /** Written to the local folder, or delivered to the CMS. */
        SENT,
        /** A version built and held for a reviewer (not sent, not skipped). */
        AWAITING_REVIEW,
        /** Published without being sent to the CMS (unchanged, claimed elsewhere). */
        NOT_SENT
    }

    /** Where the package went, or why it was not sent ("未发送：…"); null until published. */
    public String outcome() {
        return outcome;
    }

    /** What publishing made of the package; null until published. */
    public Published published() {
        return published;
    }

    /** The package is where {@code location} says. */
    public void sent(String location) {
        published(Published.SENT, location);
    }

    /** The package was not sent, for {@code reason}. */
    public void notSent(String reason) {
        published(Published.NOT_SENT, NOT_SENT + reason);
    }

    /** The version ({@code version}: "第 1 版") waits for a reviewer. */
    public void awaitsReview(String version) {
        published(Published.AWAITING_REVIEW, AWAITING_REVIEW + version);
    }

    private void published(Published published, String outcome) {
        this.published = published;
        this.outcome = outcome;
    }

    /** A package that was published without being sent to the CMS (unchanged, claimed elsewhere). */
    public boolean skipped() {
        return published == Published.NOT_SENT;
    }

    /** How the outcome of a package not sent reads. */
    private static final String NOT_SENT = "未发送：";

    /** How the outcome of a version that waits for a reviewer reads. */
    private static final String AWAITING_REVIEW = "待审核：";

    /** A version built and held for a reviewer (not sent, not skipped). */
    public boolean awaitingReview() {
        return published == Published.AWAITING_REVIEW;
    }

    @Override
    public String toString() {
        return "AgencyWork[" + (department ? "department " : "") + id + (stage == null ? "" : ", " + stage) + "]";
    }
}
