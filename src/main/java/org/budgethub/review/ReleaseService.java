package org.budgethub.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.config.LogContext;
import org.budgethub.health.FailureExplainer;
import org.budgethub.ingest.AgencyDirectory;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Attestation;
import org.budgethub.model.PackageFile;
import org.budgethub.model.Stage;
import org.budgethub.publish.CmsIndex;
import org.budgethub.publish.DeliveryRecords.Delivery;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.DeliveryStatus;
import org.budgethub.publish.PackageIntegrity;
import org.budgethub.publish.Publisher;

/**
 * Release (先审后发): what a reviewer does with a built version and how an approved one reaches the
 * website. Approval delivers at once, or within the release window ({@code hub.publish.release-window});
 * with {@code hub.publish.four-eyes} the person who started the build cannot approve it. Also the
 * withdrawal of a published version and the CMS index, for the routes of release.camel.yaml.
 */
@Component("releases")
public class ReleaseService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseService.class);
    /** An approved version that failed to go is tried again after this long, doubled per attempt up to {@link #RETRY_AT_MOST}. */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(5);
    static final Duration RETRY_AT_MOST = Duration.ofHours(1);

    /** A reviewer's action and what came of it. */
    public record Review(int year, String code, int version, DeliveryStatus status) {
    }

    /** A request to take a published version down. */
    public record Withdrawal(int year, String code, String user, String reason) {
    }

    private final DeliveryRecords records;
    private final Publisher publisher;
    private final AgencyDirectory directory;
    private final FailureExplainer explainer;
    private final ProducerTemplate producer;
    private final boolean fourEyes;
    private final HubProperties.AttestationMode attestationMode;
    private final boolean sftp;
    private final String instance;
    private final String window;
    private final ZoneId zone;
    private final Clock clock;
    private final ExecutorService releases = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "release");
        t.setDaemon(true);
        return t;
    });

    public ReleaseService(DeliveryRecords records, Publisher publisher, AgencyDirectory directory, FailureExplainer explainer,
                          ProducerTemplate producer, HubProperties hub, org.budgethub.config.HubInstance instance) {
        this.records = records;
        this.publisher = publisher;
        this.directory = directory;
        this.explainer = explainer;
        this.producer = producer;
        this.fourEyes = hub.publish().fourEyes();
        this.attestationMode = hub.publish().attestations();
        this.sftp = hub.publish().toCms();
        this.instance = instance.id();
        this.window = hub.publish().releaseWindow() == null ? "" : hub.publish().releaseWindow().trim();
        this.zone = ZoneId.of(hub.publish().zone());
        this.clock = Clock.systemUTC();
    }

    /** The versions waiting for a reviewer: all years when {@code year} is null. */
    public List<Delivery> queue(Integer year) {
        return records.awaitingReview(year);
    }

    /**
     * Approves the version of (year, code) awaiting review with the reviewer's attestations (保密审查,
     * 负责人审签, 签发人; required unless {@code hub.publish.attestations: optional}); it is delivered at
     * once, or when the release window opens. The attestations are recorded with the approval, and
     * the version's files are stored again with them in the manifest (and, with
     * {@code hub.publish.print-attestations}, printed in the 说明), in the approval's transaction.
     *
     * @throws ReviewRefused when there is none; its stored files are incomplete; four eyes are required and
     *                       the reviewer built it; the attestations are missing or the signer cannot be taken
     */
    public Review approve(int year, String code, String reviewer, AttestationRequest attestations) {
        Delivery d = awaiting(year, code);
        List<PackageFile> files = records.files(d.id());
        Optional<String> broken = PackageIntegrity.problem(files);
        if (broken.isPresent()) {
            records.markIncomplete(d.id(), broken.get());
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, year + " 年 " + code + " 第 " + d.version() + " 版保存的文件不完整（"
                    + broken.get() + "），不能批准：已标记为重新生成，请重新运行本单位后审核新生成的版本");
        }
        if (fourEyesBar(reviewer, d.builtBy())) {
            throw new ReviewRefused(ReviewRefused.Kind.FORBIDDEN, "四眼原则：第 " + d.version() + " 版由 " + reviewer
                    + " 发起生成，须由另一位审核人批准");
        }
        // Whole seconds: the time in the manifest is the one recorded.
        Attestation attestation = checked(attestations).approved(reviewer,
                OffsetDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.SECONDS));
        if (!publisher.approve(d, files, attestation)) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, year + " 年 " + code + " 第 " + d.version() + " 版已不在待审核状态");
        }
        try (LogContext log = LogContext.agency(code)) {
            LOG.info("{} 年 {} 第 {} 版已由 {} 批准（{}）", year, code, d.version(), reviewer, attestation.summary());
        }
        if (releasesNow()) {
            releases.submit(() -> release(d.id()));
        }
        return new Review(year, code, d.version(), DeliveryStatus.APPROVED);
    }

    /**
     * Approves a department's version and those of all its units that await review, each with the
     * same attestations; they are checked before any is approved.
     */
    public List<Review> approveDepartment(int year, String department, String reviewer, AttestationRequest attestations) {
        List<String> codes = new ArrayList<>();
        codes.add(department);
        directory.find(year, department).filter(AgencyDirectory.Entry::isDepartment).ifPresent(e -> codes.addAll(e.units()));
        List<String> waiting = codes.stream()
                .filter(code -> records.latest(year, code).filter(d -> d.status() == DeliveryStatus.AWAITING_REVIEW).isPresent()).toList();
        if (waiting.isEmpty()) {
            throw new ReviewRefused(ReviewRefused.Kind.NOT_FOUND, year + " 年部门 " + department + " 及其单位没有待审核的版本");
        }
        checked(attestations);
        List<Review> done = new ArrayList<>();
        for (String code : waiting) {
            done.add(approve(year, code, reviewer, attestations));
        }
        return done;
    }

    /** Whether four eyes ({@code hub.publish.four-eyes}) bar {@code reviewer} from approving a version built by {@code builtBy}. */
    public boolean fourEyesBar(String reviewer, String builtBy) {
        return fourEyes && ("user:" + reviewer).equals(builtBy);
    }

    /** The attestations as {@code hub.publish.attestations} takes them. @throws ReviewRefused when they cannot be */
    public Attestation checked(AttestationRequest attestations) {
        return (attestations == null ? AttestationRequest.NONE : attestations).check(attestationMode);
    }

    /** Whether an approval must carry the attestations ({@code hub.publish.attestations: required}). */
    public boolean attestationsRequired() {
        return attestationMode != HubProperties.AttestationMode.OPTIONAL;
    }

    /** @throws ReviewRefused when there is no version awaiting review, or no reason is given */
    public Review reject(int year, String code, String reviewer, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReviewRefused(ReviewRefused.Kind.REASON_MISSING, "退回须写明原因");
        }
        Delivery d = awaiting(year, code);
        if (!records.reject(d.id(), reviewer, reason.strip())) {
            throw new ReviewRefused(ReviewRefused.Kind.CONFLICT, year + " 年 " + code + " 第 " + d.version() + " 版已不在待审核状态");
        }
        try (LogContext log = LogContext.agency(code)) {
            LOG.info("{} 年 {} 第 {} 版已由 {} 退回：{}", year, code, d.version(), reviewer, reason);
        }
        return new Review(year, code, d.version(), DeliveryStatus.REJECTED);
    }

    /** Takes the published version of (year, code) down: a marker in its CMS folder, the index says so. */
    public Review withdraw(Withdrawal request) {
        if (request.reason() == null || request.reason().isBlank()) {
            throw new ReviewRefused(ReviewRefused.Kind.REASON_MISSING, "撤回须写明原因");
        }
        Delivery d = records.latestDelivered(request.year(), request.code()).filter(x -> x.status() == DeliveryStatus.DELIVERED)
                .orElseThrow(() -> new ReviewRefused(ReviewRefused.Kind.NOT_FOUND, request.year() + " 年 " + request.code()
                        + " 没有已发布、可撤回的版本"));
        producer.requestBody("direct:withdraw", request);
        return new Review(request.year(), request.code(), d.version(), DeliveryStatus.WITHDRAWN);
    }

    // ------------------------------------------------------------ steps of release.camel.yaml

    /** Approved versions whose release is due now: within the window, and failed ones after a pause. */
    public List<Long> due() {
        if (!releasesNow()) {
            return List.of();
        }
        Instant now = clock.instant();
        return records.approvedUndelivered().stream()
                .filter(d -> d.status() != DeliveryStatus.FAILED || !retryAt(d).isAfter(now))
                .map(Delivery::id).toList();
    }

    /**
     * When the release timer sends a failed approved version again: 5 minutes after its last attempt,
     * then 10, 20, 40, and every hour after that. {@code attempts} counts the build's claim too.
     */
    public static Instant retryAt(Delivery failed) {
        int sends = Math.max(1, failed.attempts() - 1);
        Duration pause = RETRY_AFTER.multipliedBy(1L << Math.min(sends - 1, 4));
        return failed.updatedAt().plus(pause.compareTo(RETRY_AT_MOST) > 0 ? RETRY_AT_MOST : pause);
    }

    /** An approved version taken for sending, or null when it is not to go (another instance took it). */
    public AgencyWork prepare(long id) {
        return publisher.release(id);
    }

    /** An approved version's upload failed and is tried again: its record says which attempt comes and why. */
    public void retrying(AgencyWork work, int retry, int maxRetries, Throwable error) {
        work.setRetry(retry);
        String reason = explainer.explain(error, Stage.PUBLISH);
        if (work.version() != null) {
            records.sendingNote(work.year(), work.agency(), work.version().version(),
                    FailureExplainer.attempts(retry + 1, maxRetries + 1) + "；上一次失败：" + reason);
        }
        // Called by the error handler between attempts, outside the route's steps: the log context is set here.
        try (LogContext log = LogContext.agency(work.agency())) {
            LOG.warn("{} 年 {} 第 {} 版发送至 CMS 将进行{}，上一次失败：{}", work.year(), work.agency(), version(work),
                    FailureExplainer.attempts(retry + 1, maxRetries + 1), reason);
        }
    }

    /** The dead-letter end of a release: the version is recorded as failed, and tried again later. */
    public void failed(AgencyWork work, Throwable error) {
        String reason = FailureExplainer.afterRetries(work, explainer.explain(error, Stage.PUBLISH));
        if (work != null) {
            publisher.failed(work, reason);
        }
        if (work != null) {
            LOG.warn("{} 年 {} 第 {} 版发送至 CMS 失败，稍后重新发送：{}", work.year(), work.agency(), version(work), reason);
        } else {
            LOG.warn("已批准版本发送至 CMS 失败，稍后重新发送：{}", reason);
        }
    }

    public AgencyWork withdrawal(Withdrawal request) {
        return publisher.withdrawal(request.year(), request.code(), request.user(), request.reason());
    }

    public void withdrawn(AgencyWork work, Withdrawal request) {
        records.latestDelivered(request.year(), request.code()).ifPresent(d -> records.withdrawn(d.id(), request.user(), request.reason()));
        try (LogContext log = LogContext.agency(request.code())) {
            LOG.info("{} 年 {} 第 {} 版已由 {} 撤回：{}", request.year(), request.code(), work.version().version(), request.user(),
                    request.reason());
        }
    }

    /** The dead-letter end of a timer's round (release-due, cms-index-repair): its next round tries again. */
    public void roundFailed(String route, Throwable error) {
        LOG.warn("定时任务 {} 本轮未完成，下一轮重试：{}", route, explainer.explain(error, null));
    }

    /** The dead-letter end of an index rewrite: the next delivery, withdrawal or start-up writes it again, whole. */
    public void indexFailed(String year, Throwable error) {
        LOG.warn("{} 年的 CMS 索引（index.json）未能写入，将在下次发布、撤回或中枢重启时重写：{}", year,
                explainer.explain(error, Stage.PUBLISH));
    }

    /** index.json and index.atom of the year, as the CMS should see them now. */
    public List<PackageFile> index(int year) {
        return CmsIndex.files(year, records.published(year), zone, clock.instant());
    }

    /** The index of {@code year} is on the CMS as {@code files}: a start-up compares against it. */
    public void indexWritten(int year, List<PackageFile> files) {
        records.indexWritten(year, CmsIndex.sha256(files));
    }

    /**
     * At start-up: the years whose index on the CMS is not the one the delivery records give (a crash
     * between a delivery or a withdrawal marker and the index rewrite, or a rewrite that failed for
     * good); each is written again. None when the hub does not deliver to a CMS.
     */
    public List<Integer> indexesToRepair() {
        if (!sftp) {
            return List.of();
        }
        List<Integer> years = records.publishedYears().stream()
                .filter(y -> !records.indexWritten(y).equals(java.util.Optional.of(CmsIndex.sha256(index(y))))).toList();
        if (!years.isEmpty()) {
            LOG.warn("CMS 上 {} 年的索引与发布记录不一致（上次写入时中断或失败），现在按发布记录重写", years);
        }
        return years;
    }

    /**
     * The suffix of the index's temporary names on the CMS: this instance's name, so one that a crash
     * left behind is overwritten by the instance's next rewrite, and instances never share one.
     */
    public String indexTempSuffix() {
        return "." + instance.replaceAll("[^A-Za-z0-9_-]", "_") + ".part";
    }

    private void release(long id) {
        try {
            producer.requestBody("direct:release", id);
        } catch (RuntimeException e) {
            LOG.warn("发送记录 {} 的已批准版本发送至 CMS 失败：{}", id, explainer.explain(e, Stage.PUBLISH));
        }
    }

    /** The version's number for a log line ("?" before one was claimed). */
    private static Object version(AgencyWork work) {
        return work.version() == null ? "?" : work.version().version();
    }

    private Delivery awaiting(int year, String code) {
        return records.latest(year, code).filter(d -> d.status() == DeliveryStatus.AWAITING_REVIEW)
                .orElseThrow(() -> new ReviewRefused(ReviewRefused.Kind.NOT_FOUND, year + " 年 " + code + " 没有待审核的版本"));
    }

    /** Whether it is release time: always without a window, else between its two times (Asia/Shanghai). */
    boolean releasesNow() {
        if (window.isEmpty()) {
            return true;
        }
        String[] times = window.split("-");
        LocalTime now = LocalTime.now(clock.withZone(zone));
        LocalTime from = LocalTime.parse(times[0].trim());
        LocalTime to = LocalTime.parse(times[1].trim());
        return from.isBefore(to) ? !now.isBefore(from) && now.isBefore(to) : !now.isBefore(from) || now.isBefore(to);
    }

    @Override
    public void close() {
        releases.shutdownNow();
    }
}
