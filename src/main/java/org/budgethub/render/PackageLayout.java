package org.budgethub.render;

import org.budgethub.model.DisclosureId;

/**
 * The names of a package's files and folders, in one place: what the renderers write, the
 * publisher uploads, the console previews and the website team imports.
 */
public final class PackageLayout {

    public static final String DISCLOSURE_JSON = "disclosure.json";
    public static final String HTML = "disclosure.html";
    public static final String PDF = "disclosure.pdf";
    public static final String XLSX = "disclosure.xlsx";
    /** The Open Fiscal Data Package: its descriptor and its one resource. */
    public static final String DATAPACKAGE = "datapackage.json";
    public static final String CSV = "appropriations.csv";
    public static final String MANIFEST = "manifest.json";
    /** Written last: only a version folder holding it is complete. */
    public static final String DONE_MARKER = "package.done";
    /** Written into a delivered version's folder when it is withdrawn: the CMS takes the package down. */
    public static final String WITHDRAWN_MARKER = "package.withdrawn";

    private PackageLayout() {
    }

    /** {@code <year>/<code>}: where an export (a local preview) puts the package. */
    public static String folder(DisclosureId id) {
        return id.year() + "/" + id.code();
    }

    /** {@code <year>/.<code>.writing}: where an export writes the package before moving it to {@link #folder}. */
    public static String stagingFolder(DisclosureId id) {
        return id.year() + "/." + id.code() + ".writing";
    }

    /** {@code <year>/.<code>.replaced}: the previous export's package while the new one moves in. */
    public static String replacedFolder(DisclosureId id) {
        return id.year() + "/." + id.code() + ".replaced";
    }

    /** {@code <year>/<code>/v<version>}: where a delivered version lives on the CMS; never overwritten. */
    public static String versionFolder(DisclosureId id, int version) {
        return folder(id) + "/v" + version;
    }
}
