package org.budgethub.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.render.PackageLayout;

/**
 * The index the website CMS polls, {@code <dir>/<year>/index.json}, and the same as an Atom feed
 * ({@code index.atom}): each department and unit of the year with its current version, its folder,
 * when it was published, its 索引号 and whether it is withdrawn. Rewritten after every delivery and
 * withdrawal, from the delivery record, so it always says what the CMS holds.
 */
public final class CmsIndex {

    public static final String JSON = "index.json";
    public static final String ATOM = "index.atom";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CmsIndex() {
    }

    /**
     * index.json, then index.atom, for the published versions of one year. Their time stamp is the
     * latest delivery or withdrawal among them ({@code empty} when there is none), so the same records
     * always give the same bytes: an index rewritten after a crash differs only where the records do.
     */
    public static List<PackageFile> files(int year, List<DeliveryRecords.Delivery> published, ZoneId zone, Instant empty) {
        List<DeliveryRecords.Delivery> sorted = published.stream().sorted(Comparator.comparing(DeliveryRecords.Delivery::agencyCode)).toList();
        Instant updated = sorted.stream().flatMap(d -> java.util.stream.Stream.of(d.deliveredAt(), d.withdrawnAt()))
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(empty);
        return List.of(new PackageFile(JSON, json(year, sorted, zone, updated)), new PackageFile(ATOM, atom(year, sorted, zone, updated)));
    }

    /** One SHA-256 over the index files, as the hub records what it wrote. */
    public static String sha256(List<PackageFile> files) {
        StringBuilder all = new StringBuilder();
        files.forEach(f -> all.append(f.name()).append(' ').append(f.sha256()).append('\n'));
        return PackageFile.sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] json(int year, List<DeliveryRecords.Delivery> published, ZoneId zone, Instant now) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "budget-disclosure-index/1");
        root.put("fiscalYear", year);
        root.put("updated", OffsetDateTime.ofInstant(now, zone).toString());
        ArrayNode packages = root.putArray("packages");
        for (DeliveryRecords.Delivery d : published) {
            ObjectNode p = packages.addObject();
            p.put("code", d.agencyCode());
            p.put("name", d.agencyName());
            p.put("kind", d.kind() == null ? "unit" : d.kind());
            p.put("version", d.version());
            p.put("path", PackageLayout.versionFolder(new DisclosureId(year, d.agencyCode()), d.version()) + "/");
            p.put("published", LocalDate.ofInstant(d.deliveredAt(), zone).toString());
            p.put("索引号", indexNumber(d.manifest()));
            p.put("withdrawn", d.status() == DeliveryStatus.WITHDRAWN);
            if (d.withdrawnAt() != null) {
                p.put("withdrawnOn", LocalDate.ofInstant(d.withdrawnAt(), zone).toString());
                p.put("withdrawReason", d.withdrawReason());
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] atom(int year, List<DeliveryRecords.Delivery> published, ZoneId zone, Instant now) {
        DateTimeFormatter rfc3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
        out.append("  <title>").append(year).append(" 年预算公开</title>\n");
        out.append("  <id>urn:budget-disclosure:").append(year).append("</id>\n");
        out.append("  <updated>").append(rfc3339.format(OffsetDateTime.ofInstant(now, zone))).append("</updated>\n");
        out.append("  <author><name>预算公开集成中枢</name></author>\n");
        for (DeliveryRecords.Delivery d : published) {
            boolean withdrawn = d.status() == DeliveryStatus.WITHDRAWN;
            Instant updated = withdrawn && d.withdrawnAt() != null ? d.withdrawnAt() : d.deliveredAt();
            String path = PackageLayout.versionFolder(new DisclosureId(year, d.agencyCode()), d.version()) + "/";
            out.append("  <entry>\n");
            out.append("    <id>urn:budget-disclosure:").append(year).append(':').append(escape(d.agencyCode())).append(":v")
                    .append(d.version()).append("</id>\n");
            out.append("    <title>").append(escape((d.agencyName() == null ? d.agencyCode() : d.agencyName()) + " " + year
                    + (("department".equals(d.kind())) ? " 年部门预算" : " 年单位预算") + "（第 " + d.version() + " 版）"
                    + (withdrawn ? "【已撤回】" : ""))).append("</title>\n");
            out.append("    <updated>").append(rfc3339.format(OffsetDateTime.ofInstant(updated, zone))).append("</updated>\n");
            out.append("    <link rel=\"alternate\" href=\"").append(escape(path)).append("\"/>\n");
            out.append("    <summary>").append(escape("索引号 " + indexNumber(d.manifest()) + "；文件夹 " + path
                    + (withdrawn ? "；已撤回：" + nz(d.withdrawReason()) : ""))).append("</summary>\n");
            out.append("  </entry>\n");
        }
        out.append("</feed>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String indexNumber(String manifest) {
        if (manifest == null) {
            return "";
        }
        try {
            JsonNode cms = MAPPER.readTree(manifest).path("cms");
            return cms.path("索引号").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String escape(String s) {
        return nz(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
