package org.budgethub.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import org.budgethub.config.CmsProperties;
import org.budgethub.config.HubProperties;
import org.budgethub.model.DisclosureId;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.render.PackageLayout;

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
            PackageLayout.HTML, MediaType.parseMediaType("text/html;charset=utf-8"),
            PackageLayout.PDF, MediaType.APPLICATION_PDF,
            PackageLayout.XLSX, MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            PackageLayout.MANIFEST, MediaType.parseMediaType("application/json;charset=utf-8"));

    private final CmsProperties cms;
    private final DeliveryRecords deliveries;
    private final Path localDir;
    private final boolean fromCms;

    public PackagePreviews(HubProperties hub, DeliveryRecords deliveries) {
        this.cms = hub.cms();
        this.deliveries = deliveries;
        this.localDir = Path.of(hub.publish().dir());
        this.fromCms = cms.embedded().enabled() && hub.publish().toCms();
    }

    /** A package file of the agency, if the name is allowed and the file is there. */
    public Optional<Path> find(int year, String agency, String name) {
        if (name == null || !FILES.containsKey(name)) {
            return Optional.empty();
        }
        DisclosureId id;
        try {
            id = new DisclosureId(year, agency);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return folder(id).map(folder -> {
            Path file = folder.resolve(name).normalize();
            // Defence in depth: the checks above already keep the path inside the folder.
            return file.startsWith(folder) && Files.isRegularFile(file) ? file : null;
        });
    }

    /** The version folder (embedded CMS) or the local package folder; empty when nothing was delivered. */
    Optional<Path> folder(DisclosureId id) {
        if (fromCms) {
            return deliveries.latestDelivered(id.year(), id.code()).map(d -> Path.of(cms.embedded().root()).resolve(cms.directory())
                    .resolve(PackageLayout.versionFolder(id, d.version())).toAbsolutePath().normalize());
        }
        return Optional.of(localDir.resolve(PackageLayout.folder(id)).toAbsolutePath().normalize());
    }

    /** Which of the allowed files the agency's package has, for the links on its page. */
    public Map<String, Boolean> available(int year, String agency) {
        Map<String, Boolean> out = new TreeMap<>();
        FILES.keySet().forEach(name -> out.put(name, find(year, agency, name).isPresent()));
        return out;
    }

    public static MediaType contentType(String name) {
        return FILES.get(name);
    }
}
