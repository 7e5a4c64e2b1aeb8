package org.budgethub.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationFormat;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.convert.DurationUnit;

import org.budgethub.render.CmsMetadata;

/**
 * {@code hub.cms.*}: the website CMS that receives packages over SFTP, the embedded stand-in of
 * the demo, and the metadata the website needs with every package. The routes read the same keys
 * as placeholders (publish.camel.yaml's sftp: URI), so its times take only the simple form.
 * (The metadata's defaults and descriptions are in additional-spring-configuration-metadata.json:
 * CmsMetadata lives in render, which knows no Spring.)
 *
 * @param host 网站 CMS 的 SFTP 服务器主机名或地址
 * @param port SFTP 端口（1–65535；0 仅用于内置 CMS：任取一个空闲端口）
 * @param directory 发布包上传到的目录（相对于 SFTP 登录目录）：<directory>/<year>/<agency>/v<version>/
 * @param username 登录 SFTP 的用户名（用私钥登录）
 * @param password SFTP 密码，仅在设置时使用（环境变量 HUB_CMS_PASSWORD）；含 &、+ 或 % 时写成 RAW(…)
 * @param privateKeyFile 中枢登录 CMS 用的私钥文件
 * @param knownHostsFile 存有 CMS 服务器主机密钥的 known_hosts 文件
 * @param strictHostKeyChecking 严格核对主机密钥："yes"（生产环境不要关）或 "no"；在 YAML 中要加引号
 * @param connectTimeoutMs 连接 SFTP 服务器的时限；写毫秒数或 500ms、10s 这样的时长
 * @param soTimeoutMs SFTP 读写的时限，服务器这么久没有响应即放弃本次上传；写毫秒数或 500ms、30s 这样的时长
 * @param serverAliveIntervalMs 每隔多久向服务器发一次保活消息（0：不发）；写毫秒数或 500ms、10s 这样的时长
 * @param healthTimeoutMs 健康检查 cms 最多等这么久；不带单位的数字按毫秒计
 * @param embedded 演示用的内置 SFTP 服务器（Apache MINA SSHD），代替网站 CMS
 * @param metadata 网站 CMS 为每个发布包登记的政府信息公开元数据（写入 manifest.json）
 */
public record CmsProperties(
        @DefaultValue("127.0.0.1") @NotBlank(message = "不能为空") String host,
        @DefaultValue("2222") @Min(value = 0, message = "须为 1–65535 的端口号（0 仅用于内置 CMS）")
        @Max(value = 65535, message = "须为 1–65535 的端口号（0 仅用于内置 CMS）") int port,
        @DefaultValue("packages") @NotBlank(message = "不能为空") String directory,
        @DefaultValue("hub") @NotBlank(message = "不能为空") String username,
        String password,
        @DefaultValue("data/cms-keys/hub_ecdsa") @NotBlank(message = "不能为空") String privateKeyFile,
        @DefaultValue("data/cms-keys/known_hosts") @NotBlank(message = "不能为空") String knownHostsFile,
        @DefaultValue("yes") @NotNull(message = "不能为空") HostKeyChecking strictHostKeyChecking,
        @DefaultValue("10000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
        @DurationMin(millis = 1, message = "须为正的时长") Duration connectTimeoutMs,
        @DefaultValue("30000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
        @DurationMin(millis = 1, message = "须为正的时长") Duration soTimeoutMs,
        @DefaultValue("10000") @DurationUnit(ChronoUnit.MILLIS) @DurationFormat(DurationStyle.SIMPLE)
        @DurationMin(message = "不能为负") Duration serverAliveIntervalMs,
        @DefaultValue("2000") @DurationUnit(ChronoUnit.MILLIS) @DurationMin(millis = 1, message = "须为正的时长") Duration healthTimeoutMs,
        @DefaultValue @Valid Embedded embedded,
        @NestedConfigurationProperty CmsMetadata metadata) {

    /** JSch's StrictHostKeyChecking, which the sftp: URI passes on as written. */
    public enum HostKeyChecking {
        /** Only a server whose host key is in known_hosts. */
        YES,
        /** Any server: never in production. */
        NO
    }

    /**
     * The demo's embedded SFTP server (Apache MINA SSHD), serving a local folder.
     *
     * @param enabled 启动内置 SFTP 服务器（在 hub.cms.host:port 上，根目录为 root）；生产环境请关闭
     * @param root 内置 CMS 的根目录：网站上线的发布包落在这里
     * @param keysDir 内置 CMS 的主机密钥和各账号密钥所在文件夹
     * @param websiteUser 网站团队的只读账号（密钥为 <keysDir>/<user>_ecdsa）
     */
    public record Embedded(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("data/cms") @NotBlank(message = "不能为空") String root,
            @DefaultValue("data/cms-keys") @NotBlank(message = "不能为空") String keysDir,
            @DefaultValue("website") @NotBlank(message = "不能为空") String websiteUser) {
    }
}
