package org.budgethub.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationFormat;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import org.budgethub.model.Finding.Severity;

/**
 * Every {@code hub.*} setting, bound and checked once at start-up: a bad value stops the hub with a
 * Chinese message ({@link HubPropertiesFailureAnalyzer}). The defaults here are the jar's
 * application.yaml's (a test keeps them equal); the routes read the same keys as placeholders.
 * Operators override them in config/application.yaml or the environment.
 *
 * <p>The {@code @param} lines are the descriptions IDEs show (spring-configuration-metadata.json):
 * one line each, the processor reads no more. Keys ending in {@code -ms} keep their names and take
 * a bare number as milliseconds; those the routes read too take only the simple form ({@code 500},
 * {@code 500ms}, {@code 30s}, {@code 10m}), because Camel reads {@code PT30S} as zero.
 *
 * @param instanceId 本实例在运行记录和发布记录中的名称；为空时取主机名。集群中每个实例各取一个固定的名称
 * @param finance 财政数据库（预算管理一体化系统），只读
 * @param narratives 各单位撰写的说明文字（*.yaml）所在文件夹
 * @param templates 说明模板 narrative.ftl 所在文件夹
 * @param publish 发布：送网站 CMS 或写入本地文件夹、先审后发、发布时段
 * @param render 发布包的生成（PDF 字体等）
 * @param cms 网站 CMS 的 SFTP 服务器、演示用的内置 CMS 和随发布包提交的元数据
 * @param schedule 夜间定时运行
 * @param console 管理控制台：首个管理员、登录锁定
 * @param run 运行：并行度、部门预算、增量同步、分布式运行
 * @param retry 单位遇到数据库或磁盘错误后的重试（指数退避）
 * @param demo 演示：启动时导出
 * @param metrics 中枢自己的指标（hub_runs_total 等）
 * @param database 中枢自己的数据库（连接见 spring.datasource）的健康检查
 * @param validation 校验规则的级别和金额上限
 * @param security 控制台账户的安全规则：密码策略
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @DefaultValue("") String instanceId,
        @DefaultValue @Valid Finance finance,
        @DefaultValue @Valid Narratives narratives,
        @DefaultValue @Valid Templates templates,
        @DefaultValue @Valid Publish publish,
        @DefaultValue @Valid Render render,
        @DefaultValue @Valid @NestedConfigurationProperty CmsProperties cms,
        @DefaultValue @Valid Schedule schedule,
        @DefaultValue @Valid Console console,
        @DefaultValue @Valid Run run,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Demo demo,
        @DefaultValue @Valid Metrics metrics,
        @DefaultValue @Valid Database database,
        @DefaultValue @Valid Validation validation,
        @DefaultValue @Valid Security security) {

    /** How an enum value is written in yaml: {@code WITH_PARENTS} as {@code with-parents}. */
    public static String spelling(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The finance system's database, read only; an empty url is the embedded demo database.
     *
     * @param url 财政数据库的 JDBC URL；为空时使用内置的演示数据库
     * @param user 财政数据库的用户名（只读账号）
     * @param password 财政数据库的密码：请用环境变量 HUB_FINANCE_PASSWORD 设置，不要写入文件
     * @param poolSize 财政数据库连接池大小（至少为 hub.run.parallelism + 2，不足时自动补足）
     * @param connectTimeoutMs 建立 TCP 连接、登录和取得空闲连接各自的时限；不带单位的数字按毫秒计
     * @param socketTimeoutMs 财政数据库这么久没有任何响应即视为卡住（该单位重试，仍不行则失败）；不带单位的数字按毫秒计
     * @param queryTimeoutMs PostgreSQL 取消运行超过这么久的语句（statement_timeout）；不带单位的数字按毫秒计
     * @param healthTimeoutMs 健康检查 financeDatabase 最多等这么久即回答 DOWN；不带单位的数字按毫秒计
     */
    public record Finance(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("4") @Min(value = 1, message = "须至少为 1") int poolSize,
            @DefaultValue("10000") @DurationUnit(ChronoUnit.MILLIS)
            @DurationMin(millis = 250, message = "须至少为 250 毫秒（连接池的下限）") Duration connectTimeoutMs,
            @DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(seconds = 1, message = "须至少为 1 秒") Duration socketTimeoutMs,
            @DefaultValue("120000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(millis = 1, message = "须为正的时长") Duration queryTimeoutMs,
            @DefaultValue("2000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(millis = 1, message = "须为正的时长") Duration healthTimeoutMs) {
    }

    /**
     * The words of each unit and department (说明撰写内容): the store in the hub's database, its YAML
     * folder, and what a run does for an agency without words.
     *
     * @param dir 各单位撰写的说明文字（*.yaml，按其 agency 和 year 键匹配）所在文件夹：启动时和每次运行开始时导入说明库
     * @param source store：运行读取中枢数据库中说明库的最新版本；folder：运行直接读取 dir 文件夹（export 命令即如此）
     * @param missing 单位或部门没有任何说明文字时：draft 用中枢起草的草稿生成（附警告 narrative.unconfirmed）；hold 不予生成（input.narrative-missing）
     * @param extractCacheMs 撰写接口（草稿、检查、预览）读取的财政数据保留多久再重读；写毫秒数或 500ms、30s、10m 这样的时长
     */
    public record Narratives(
            @DefaultValue("config/narratives") @NotBlank(message = "不能为空") String dir,
            @DefaultValue("store") @NotNull(message = "不能为空") NarrativeSource source,
            @DefaultValue("draft") @NotNull(message = "不能为空") MissingWords missing,
            @DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS)
            @DurationMin(millis = 0, message = "不能为负") Duration extractCacheMs) {
    }

    /** Where a run reads the words of a unit or department. */
    public enum NarrativeSource {
        /** The latest version in the hub's narrative store (the folder is imported into it first). */
        STORE,
        /** The YAML folder itself, as before the store (the export command). */
        FOLDER
    }

    /** What a run does for a unit or department that has no words at all. */
    public enum MissingWords {
        /** Builds from the hub's draft; the disclosure carries the WARN finding narrative.unconfirmed. */
        DRAFT,
        /** Holds it back (input.narrative-missing, FATAL), as the export command always does. */
        HOLD
    }

    /** @param dir 说明模板 narrative.ftl 所在文件夹（没有时用 jar 内的副本） */
    public record Templates(@DefaultValue("config/templates") @NotBlank(message = "不能为空") String dir) {
    }

    /** Where packages go: {@code direct:publish-<mode>} in agency.camel.yaml. */
    public enum PublishMode {
        /** To the website CMS over SFTP (hub.cms). */
        SFTP,
        /** Into the local folder hub.publish.dir (the export command). */
        LOCAL
    }

    /** 先审后发 or not. */
    public enum Review {
        /** A reviewer approves each version before it goes to the CMS. */
        REQUIRED,
        /** Every new version goes out at once. */
        NONE
    }

    /** Whether an approval must carry the attestations (保密审查、负责人审签、签发人). */
    public enum AttestationMode {
        /** An approval without both confirmations and a signer is refused. */
        REQUIRED,
        /** An approval may leave them out; what is given is recorded all the same. */
        OPTIONAL
    }

    /**
     * @param mode sftp：送往网站 CMS（hub.cms）；local：写入 hub.publish.dir
     * @param dir local 模式下发布包写入的文件夹（<year>/<agency>/）
     * @param zone 发布时段、截止日期和控制台时间所用的时区
     * @param staleAfter 发送中（SENDING）超过这么久的发布视为已中断，由下一次运行或发布定时器接手
     * @param retry 上传失败（SFTP 错误）后的重试，指数退避，用尽后该发布记为失败
     * @param review required：每个版本须经审核人批准才送往网站（先审后发）；none：直接发送
     * @param fourEyes 发起生成的人不能批准该版本（四眼原则）
     * @param releaseWindow 已批准版本的发送时段，"HH:mm-HH:mm"（hub.publish.zone）；为空时立即发送
     * @param approvalDates 各年度财政部门批复部门预算的默认日期，如 "[2026]": 2026-01-20；系统管理页可改，也可逐个部门另设（含部门批复所属单位的日期）
     * @param disclosureDays 批复后多少天内须公开（预算法实施条例第六条：20 日）；部门从财政批复起算，单位从部门批复起算
     * @param atRiskDays 离公开截止还剩这么多天（含）仍未批准发布的部门和单位标为"临近截止未批准"
     * @param releaseCheckMs 多久检查一次到期待发送的已批准版本；写毫秒数或 500ms、30s、10m 这样的时长
     * @param indexRepairDelayMs 启动后多久第一次核对各年度 CMS 索引与发布记录；写毫秒数或 500ms、30s、10m 这样的时长
     * @param indexCheckMs 此后每隔多久核对一次 CMS 索引，不一致则重写；写毫秒数或 500ms、30s、10m 这样的时长
     * @param attestations required：批准时须确认已完成保密审查和负责人审签并填写签发人，否则拒绝批准；optional：可不填
     * @param printAttestations true：批准时在发布的说明（网页和 PDF）标题下印出"保密审查：已审查　签发人：某某"
     */
    public record Publish(
            @DefaultValue("sftp") @NotNull(message = "不能为空") PublishMode mode,
            @DefaultValue("data/packages") @NotBlank(message = "不能为空") String dir,
            @DefaultValue("Asia/Shanghai") @TimeZoneId String zone,
            @DefaultValue("30m") @DurationMin(millis = 1, message = "须为正的时长") Duration staleAfter,
            @DefaultValue @Valid UploadRetry retry,
            @DefaultValue("required") @NotNull(message = "不能为空") Review review,
            @DefaultValue("false") boolean fourEyes,
            @DefaultValue("") @Pattern(regexp = "\\s*|\\s*([01]\\d|2[0-3]):[0-5]\\d\\s*-\\s*([01]\\d|2[0-3]):[0-5]\\d\\s*",
                    message = "须为空或写成 \"HH:mm-HH:mm\"，如 \"09:00-17:30\"") String releaseWindow,
            @DefaultValue Map<Integer, LocalDate> approvalDates,
            @DefaultValue("20") @Min(value = 1, message = "须至少为 1 天") int disclosureDays,
            @DefaultValue("5") @Min(value = 0, message = "不能为负") int atRiskDays,
            @DefaultValue("60000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
            @DurationMin(millis = 1, message = "须为正的时长") Duration releaseCheckMs,
            @DefaultValue("5000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
            @DurationMin(message = "不能为负") Duration indexRepairDelayMs,
            @DefaultValue("3600000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
            @DurationMin(millis = 1, message = "须为正的时长") Duration indexCheckMs,
            @DefaultValue("required") @NotNull(message = "不能为空") AttestationMode attestations,
            @DefaultValue("false") boolean printAttestations) {

        public boolean toCms() {
            return mode == PublishMode.SFTP;
        }

        public boolean reviewRequired() {
            return review != Review.NONE;
        }

        public boolean attestationsRequired() {
            return attestations != AttestationMode.OPTIONAL;
        }
    }

    /**
     * @param maxRedeliveries 上传失败后最多重试几次
     * @param delayMs 第一次重试前的等待，此后每次加倍；写毫秒数或 500ms、2s 这样的时长
     */
    public record UploadRetry(
            @DefaultValue("3") @Min(value = 0, message = "不能为负") int maxRedeliveries,
            @DefaultValue("2000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
            @DurationMin(message = "不能为负") Duration delayMs) {
    }

    /**
     * @param font PDF 用的 TrueType（glyf）中文字体文件（.ttf，或 .ttc 的第一个字体）；为空时用内置的 Noto Sans SC
     * @param requireFont 字体不可用时拒绝启动（PDF 不能是方框）；false 时发布包不含 PDF
     * @param pdf false：发布包不含 PDF（基准测试的 --no-pdf），其余文件不变
     */
    public record Render(@DefaultValue("") String font, @DefaultValue("true") boolean requireFont, @DefaultValue("true") boolean pdf) {
    }

    /**
     * @param enabled 是否运行夜间定时任务（Quartz，集群中只在一个实例上触发）
     * @param cron Quartz cron 表达式：秒 分 时 日 月 周
     * @param zone cron 所用的时区
     * @param years 定时运行的年度；为空时为当年和下一年
     * @param agencies 定时运行的单位代码；为空时为全部单位
     */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0 0 2 * * ?") @QuartzCron String cron,
            @DefaultValue("Asia/Shanghai") @TimeZoneId String zone,
            @DefaultValue List<@Min(value = 1900, message = "须为 1900–9999 的年度") @Max(value = 9999, message = "须为 1900–9999 的年度") Integer> years,
            @DefaultValue List<String> agencies) {
    }

    /**
     * @param adminPassword 首个管理员的密码（须符合 hub.security.password 的密码策略，用环境变量 HUB_CONSOLE_ADMIN_PASSWORD）；为空时随机生成并写入 initial-passwords-file
     * @param demoUsers 首次启动时另建 operator、reviewer、viewer、author 四个用户（author 为 101023 的单位填报员；演示 profile 打开）
     * @param initialPasswordsFile 首次启动时写入所生成密码的文件（仅本用户可读），相对于工作目录
     * @param lockout 连续登录失败多少次锁定（按用户名和来源地址）、锁定多久
     */
    public record Console(
            @DefaultValue("") String adminPassword,
            @DefaultValue("false") boolean demoUsers,
            @DefaultValue("data/initial-passwords.txt") @NotNull(message = "不能为空") Path initialPasswordsFile,
            @DefaultValue @Valid Lockout lockout) {
    }

    /**
     * Counted per user name and source address, so an outsider's guesses lock only that outsider's
     * address; the whole account locks only at a much higher count from any addresses.
     *
     * @param maxFailures 同一用户名从同一地址连续登录失败（表单或 HTTP Basic）这么多次，即锁定该用户从该地址的登录，正确的密码也不能登录
     * @param duration 第一次锁定多久；此后每再锁定一次时长加倍（管理员可提前解锁）
     * @param maxDuration 加倍的锁定时长的上限；这么久没有失败的登录，加倍重新从 duration 算起
     * @param accountMaxFailures 同一用户名从所有地址合计连续失败这么多次，锁定该账户 duration（不加倍），不论从哪个地址登录
     */
    public record Lockout(
            @DefaultValue("10") @Min(value = 1, message = "须至少为 1") int maxFailures,
            @DefaultValue("15m") @DurationMin(millis = 1, message = "须为正的时长") Duration duration,
            @DefaultValue("24h") @DurationMin(millis = 1, message = "须为正的时长") Duration maxDuration,
            @DefaultValue("100") @Min(value = 1, message = "须至少为 1") int accountMaxFailures) {
    }

    /**
     * @param password 控制台用户的密码策略（新建用户、管理员设置和用户自己修改密码时检查）
     */
    public record Security(@DefaultValue @Valid Password password) {
    }

    /**
     * A password a bureau's security review accepts (等保 2.0: length and three of four character classes),
     * neither the user name, one character repeated, a keyboard or alphabet run, nor a common password.
     *
     * @param minLength 密码至少这么多个字符（不少于 8）
     * @param minCharacterClasses 大写字母、小写字母、数字、其他字符（符号、汉字等）四类中至少包含几类（1–4）
     * @param commonPasswordsFile 另一份常见密码清单（每行一个，不区分大小写），在内置清单之外也拒绝；为空时只用内置清单
     */
    public record Password(
            @DefaultValue("12") @Min(value = 8, message = "须至少为 8") @Max(value = 200, message = "须至多为 200") int minLength,
            @DefaultValue("3") @Min(value = 1, message = "须为 1–4") @Max(value = 4, message = "须为 1–4") int minCharacterClasses,
            @DefaultValue("") String commonPasswordsFile) {
    }

    /**
     * @param parallelism 同时处理的单位数（分布式运行时为每个实例的并发消费者数）
     * @param departments 运行除单位外还生成哪些部门预算：with-parents（所点名的和其单位所属的部门）、scope（所点名的）、none
     * @param batchSize 一起读取的单位数：每批对每张财政表一次查询
     * @param incremental 增量同步：只重建来源有变化的单位
     * @param distributed true：运行的各单位作为消息发到 Artemis 队列，由每个实例消费；false：在本 JVM 内处理
     * @param distributedQueue 分布式运行的单位队列名
     * @param distributedMaxRedeliveries 单位消息重投这么多次后转入死信队列，该单位记为失败
     * @param distributedDlq 分布式运行的死信队列名
     * @param distributedRedeliveryDelayMs 内置消息代理重投回滚的单位消息前的等待；不带单位的数字按毫秒计
     * @param distributedDoneTopic 完成分布式运行的实例在这个主题上通知发起运行的实例
     * @param distributedRecheckMs 该通知丢失时，发起实例每隔多久重读一次运行记录（至少 100 毫秒）；不带单位的数字按毫秒计
     */
    public record Run(
            @DefaultValue("2") @Min(value = 1, message = "须至少为 1") int parallelism,
            @DefaultValue("with-parents") @NotNull(message = "不能为空") Departments departments,
            @DefaultValue("100") @Min(value = 1, message = "须至少为 1") int batchSize,
            @DefaultValue @Valid Incremental incremental,
            @DefaultValue("false") boolean distributed,
            @DefaultValue("hub.agencies") @NotBlank(message = "不能为空") String distributedQueue,
            @DefaultValue("5") @Min(value = 0, message = "不能为负") int distributedMaxRedeliveries,
            @DefaultValue("hub.agencies.DLQ") @NotBlank(message = "不能为空") String distributedDlq,
            @DefaultValue("1000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(message = "不能为负") Duration distributedRedeliveryDelayMs,
            @DefaultValue("hub.runs.done") @NotBlank(message = "不能为空") String distributedDoneTopic,
            @DefaultValue("30000") @DurationUnit(ChronoUnit.MILLIS)
            @DurationMin(millis = 100, message = "须至少为 100 毫秒") Duration distributedRecheckMs) {
    }

    /**
     * @param enabled 全部单位的运行和定时运行只重建来源（财政数据、说明、要素表、设置）有变化的单位；false：总是全量
     * @param settle 水位线比财政数据库的时钟落后这么多，迟提交的行也能看到
     */
    public record Incremental(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10m") @DurationMin(message = "不能为负") Duration settle) {
    }

    /**
     * Redeliveries of an agency with exponential back-off.
     *
     * @param maxRedeliveries 单位遇到数据库或磁盘错误后最多重试几次
     * @param delayMs 第一次重试前的等待，此后每次加倍；写毫秒数或 500ms、1s 这样的时长
     */
    public record Retry(
            @DefaultValue("3") @Min(value = 0, message = "不能为负") int maxRedeliveries,
            @DefaultValue("1000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
            @DurationMin(message = "不能为负") Duration delayMs) {
    }

    /**
     * @param exportOnStart 启动时导出 hub.demo.year 的全部单位（演示）
     * @param year 演示导出的年度
     */
    public record Demo(
            @DefaultValue("true") boolean exportOnStart,
            @DefaultValue("2026") @Min(value = 1900, message = "须为 1900–9999 的年度") @Max(value = 9999, message = "须为 1900–9999 的年度") int year) {
    }

    /** @param enabled 是否记录中枢指标（hub_runs_total、hub_tasks_total、耗时等） */
    public record Metrics(@DefaultValue("true") boolean enabled) {
    }

    /**
     * The hub's own database (spring.datasource is the connection).
     *
     * @param healthTimeoutMs 健康检查 db 和 firstRun 最多等这么久即回答 DOWN；不带单位的数字按毫秒计
     */
    public record Database(
            @DefaultValue("2000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(millis = 1, message = "须为正的时长") Duration healthTimeoutMs) {
    }

    /**
     * @param severity 按规则编号覆盖级别（FATAL 拦下该单位、WARN 照常发布、INFO 仅提示），如 "[input.duties-empty]": FATAL
     * @param maxEntryAmount 一笔指标账（或采购明细）绝对值的上限（元），超过即视为数据故障（input.amount-range）
     */
    public record Validation(
            @DefaultValue Map<String, Severity> severity,
            @DefaultValue("10000000000000") @NotNull(message = "不能为空") @Positive(message = "须为正数") BigDecimal maxEntryAmount) {
    }
}
