package org.budgethub.authoring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import org.budgethub.config.HubProperties;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeLibrary;

/**
 * The YAML folder ({@code hub.narratives.dir}) into the narrative store: at start-up, at the start of
 * each run and on request ({@code POST /api/narratives/import}). Every file whose words differ from
 * the latest version of its (agency, year) becomes a new CONFIRMED version, author
 * {@code import:<file>}. Skipped as unchanged:
 * <ul>
 *   <li>a file whose bytes are what the import last took from it (not even parsed: the folder's
 *       {@link NarrativeLibrary.Cache} does not read it either, so a run's import costs one query
 *       when nothing changed);</li>
 *   <li>a file whose words are those it last gave (only comments or layout changed), or those of
 *       the latest version.</li>
 * </ul>
 * So a file nobody touched never overwrites newer words saved in the console; a file changed on disk
 * becomes the newest version at the next import. A file that cannot be parsed, names a key the
 * contract does not know, holds a text that is too long or has a control character, or claims an
 * (agency, year) that another file claims too, is reported (file, line, reason) and nothing of it is taken.
 */
@Component
public class NarrativeImport {

    private static final Logger LOG = LoggerFactory.getLogger(NarrativeImport.class);

    private final NarrativeStore store;
    private final Path folder;
    private final boolean enabled;
    private final NarrativeLibrary.Cache cache = new NarrativeLibrary.Cache();

    public NarrativeImport(NarrativeStore store, HubProperties hub) {
        this.store = store;
        this.folder = Path.of(hub.narratives().dir());
        this.enabled = hub.narratives().source() == HubProperties.NarrativeSource.STORE;
    }

    /** What one import did. */
    public record Report(List<Imported> imported, int unchanged, List<String> problems) {

        /** One version made from a file. */
        public record Imported(String file, String code, int year, int version) {
        }
    }

    /** At start-up, before the first run asks for the words (only when runs read the store). */
    @EventListener(ApplicationReadyEvent.class)
    void atStartUp() {
        if (enabled) {
            try {
                importFolder();
            } catch (RuntimeException e) {
                LOG.warn("启动时导入说明文件失败：{}（下一次运行开始时再导入）", e.getMessage());
            }
        }
    }

    /** The folder, imported now (one import at a time in this instance). */
    public synchronized Report importFolder() {
        NarrativeLibrary library = NarrativeLibrary.scan(folder, cache);
        List<String> problems = new ArrayList<>();
        List<Report.Imported> imported = new ArrayList<>();
        int unchanged = 0;
        if (library.files().isEmpty() && !library.problems().isEmpty()) {
            problems.addAll(library.problems()); // no folder, or one that cannot be listed
        }
        Map<String, List<Path>> claims = new HashMap<>();
        for (NarrativeLibrary.FileEntry f : library.files()) {
            if (f.agency() != null && f.year() != null) {
                claims.computeIfAbsent(f.agency() + "/" + f.year(), k -> new ArrayList<>()).add(f.file());
            }
        }
        Map<String, NarrativeStore.FileRecord> remembered = store.files();
        for (NarrativeLibrary.FileEntry f : library.files()) {
            String name = f.file().getFileName().toString();
            if (f.problem() != null) {
                problems.add(f.problem() + (f.agency() != null ? "（单位 " + f.agency() + "，" + f.year() + " 年，未导入）" : "（未导入）"));
                continue;
            }
            NarrativeStore.FileRecord last = remembered.get(name);
            if (last != null && last.fileHash().equals(f.sha256())) {
                unchanged++;
                continue;
            }
            List<Path> same = claims.getOrDefault(f.agency() + "/" + f.year(), List.of());
            if (same.size() > 1) {
                problems.add("说明文件 " + name + " 未导入：单位 " + f.agency() + " " + f.year() + " 年的说明同时见于 "
                        + String.join("、", same.stream().map(p -> p.getFileName().toString()).toList()) + "，请只保留一个");
                continue;
            }
            try {
                Optional<Report.Imported> made = importFile(f, name, last);
                if (made.isPresent()) {
                    imported.add(made.get());
                } else {
                    unchanged++;
                }
            } catch (IllegalArgumentException e) {
                problems.add("说明文件 " + name + " 未导入：" + e.getMessage());
            }
        }
        Report report = new Report(List.copyOf(imported), unchanged, List.copyOf(problems));
        if (!imported.isEmpty() || !problems.isEmpty()) {
            LOG.info("说明文件导入（{}）：新版本 {} 个，未变 {} 个，有问题 {} 个", folder.toAbsolutePath().normalize(), imported.size(), unchanged,
                    problems.size());
            problems.forEach(p -> LOG.warn("说明文件导入：{}", p));
        }
        return report;
    }

    private Optional<Report.Imported> importFile(NarrativeLibrary.FileEntry f, String name, NarrativeStore.FileRecord last) {
        NarrativeInput read = NarrativeLibrary.read(f.file());
        DisclosureId.checkCode(read.agency());
        List<Words.Problem> problems = Words.problems(read);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("；", problems.stream().map(Words.Problem::toString).toList()));
        }
        NarrativeInput words = Words.canonical(read.agency(), read.year(), read);
        String hash = Words.hash(words);
        NarrativeStore.FileRecord now = new NarrativeStore.FileRecord(name, f.sha256(), hash, read.agency(), read.year());
        if (last != null && last.contentHash().equals(hash) && last.code().equals(read.agency()) && last.year() == read.year()) {
            store.rememberFile(now, null); // only comments or layout changed: the words it gave stand, newer ones too
            return Optional.empty();
        }
        for (int attempt = 0; ; attempt++) {
            Optional<NarrativeVersion> latest = store.latest(read.agency(), read.year());
            if (latest.isPresent() && latest.get().hash().equals(hash)) {
                store.rememberFile(now, latest.get().version());
                return Optional.empty();
            }
            try {
                NarrativeVersion v = store.add(read.agency(), read.year(), latest.map(NarrativeVersion::version).orElse(0),
                        WordStatus.CONFIRMED, words, "import:" + name, WordSource.IMPORT);
                store.rememberFile(now, v.version());
                return Optional.of(new Report.Imported(name, v.code(), v.year(), v.version()));
            } catch (NarrativeStore.Stale stale) {
                if (attempt >= 2) {
                    throw new IllegalArgumentException("保存时单位 " + read.agency() + " 的说明一再被同时修改，下次导入再试");
                }
            }
        }
    }
}
