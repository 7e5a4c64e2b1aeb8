package org.budgethub.ops.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import org.budgethub.ops.RunService;
import org.budgethub.publish.CmsProperties;
import org.budgethub.publish.DeliveryRecords;

/**
 * Where the console finds an agency's package files for preview: with the demo's embedded CMS,
 * the latest delivered version folder {@code <root>/<directory>/<year>/<agency>/v<n>/}; otherwise
 * the local package folder {@code <hub.publish.dir>/<year>/<agency>/}. Only a fixed list of file
 * names is ever served, and the agency code and year are checked before any path is built.
 */
@Component
public class PackagePreviews {

    /** The files the console serves, with their content types. */
    public static final Map<String, MediaType> FILES = Map.of(
            "disclosure.html", MediaType.parseMediaType("text/html;charset=utf-8"),
            "disclosure.pdf", MediaType.APPLICATION_PDF,
            "disclosure.xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "manifest.json", MediaType.parseMediaType("application/json;charset=utf-8"));

    private final CmsProperties cms;
    private final DeliveryRecords deliveries;
    private final Path localDir;
    private final boolean fromCms;

    public PackagePreviews(CmsProperties cms, DeliveryRecords deliveries, @Value("${hub.publish.dir:data/packages}") String localDir,
                           @Value("${hub.publish.mode:sftp}") String mode) {
        this.cms = cms;
        this.deliveries = deliveries;
        this.localDir = Path.of(localDir);
        this.fromCms = cms.getEmbedded().isEnabled() && "sftp".equals(mode);
    }

    /** A package file of the agency, if the name is allowed and the file is there. */
    public Optional<Path> find(int year, String agency, String name) {
        if (year < 1900 || year > 9999 || agency == null || !RunService.SAFE_AGENCY_CODE.matcher(agency).matches()
                || name == null || !FILES.containsKey(name)) {
            return Optional.empty();
        }
        return folder(year, agency).map(folder -> {
            Path file = folder.resolve(name).normalize();
            // Defence in depth: the checks above already keep the path inside the folder.
            return file.startsWith(folder) && Files.isRegularFile(file) ? file : null;
        });
    }

    /** The version folder (embedded CMS) or the local package folder; empty when nothing was delivered. */
    Optional<Path> folder(int year, String agency) {
        if (fromCms) {
            return deliveries.latestDelivered(year, agency).map(d -> Path.of(cms.getEmbedded().getRoot()).resolve(cms.getDirectory())
                    .resolve(Integer.toString(year)).resolve(agency).resolve("v" + d.version()).toAbsolutePath().normalize());
        }
        return Optional.of(localDir.resolve(Integer.toString(year)).resolve(agency).toAbsolutePath().normalize());
    }

    /** Which of the allowed files the agency's package has, for the links on its page. */
    public Map<String, Boolean> available(int year, String agency) {
        Map<String, Boolean> out = new java.util.TreeMap<>();
        FILES.keySet().forEach(name -> out.put(name, find(year, agency, name).isPresent()));
        return out;
    }

    public static MediaType contentType(String name) {
        return FILES.get(name);
    }
}
