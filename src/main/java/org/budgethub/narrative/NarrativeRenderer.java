package org.budgethub.narrative;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;

import org.budgethub.mapping.ChineseNumerals;
import org.budgethub.model.DataError;
import org.budgethub.model.NarrativeInput;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.Stage;

/**
 * Renders the 说明 from the operator-editable FreeMarker template {@value #TEMPLATE}. The template
 * writes one paragraph per line; a line starting with "# " opens a section. It also assigns the
 * document title. A template folder on disk wins over the copy packed in the jar.
 */
public final class NarrativeRenderer {

    public static final String TEMPLATE = "narrative.ftl";
    /** The 说明 of a department's 部门预算. */
    public static final String DEPARTMENT_TEMPLATE = "department.ftl";
    static final List<String> REASON_KEYS = List.of("income", "expenditure", "basic", "project", "fund",
            "adminCost", "sangong", "sangongAbroad", "sangongReception", "sangongVehicleOperation",
            "sangongVehiclePurchase");

    /** What the template produced: the title and the sections. */
    public record Rendered(String title, List<NarrativeSection> sections) {
    }

    private final Configuration freemarker;

    public NarrativeRenderer(Path templateDir) {
        freemarker = new Configuration(Configuration.VERSION_2_3_33);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setNumberFormat("computer");
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        List<TemplateLoader> loaders = new ArrayList<>();
        try {
            if (templateDir != null && Files.isDirectory(templateDir)) {
                loaders.add(new FileTemplateLoader(templateDir.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template folder " + templateDir, e);
        }
        loaders.add(new ClassTemplateLoader(NarrativeRenderer.class, "/templates"));
        freemarker.setTemplateLoader(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
    }

    public Rendered render(Map<String, Object> figures, NarrativeInput input) {
        return render(TEMPLATE, figures, input);
    }

    /** Renders the template {@code template} (a unit's or a department's) of the template folder. */
    public Rendered render(String template, Map<String, Object> figures, NarrativeInput input) {
        Map<String, Object> model = new LinkedHashMap<>(figures);
        model.put("duties", lines(input.duties()));
        model.put("composition", lines(input.composition()));
        Map<String, String> reasons = new LinkedHashMap<>();
        REASON_KEYS.forEach(k -> reasons.put(k, input.reason(k)));
        model.put("reasons", reasons);
        model.put("notes", input.notes().stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        model.put("contact", Map.of("name", nz(input.contactName()), "phone", nz(input.contactPhone())));
        model.put("cn", (TemplateMethodModelEx) NarrativeRenderer::chineseNumeral);
        try {
            StringWriter out = new StringWriter();
            Environment env = freemarker.getTemplate(template).createProcessingEnvironment(model, out);
            env.process();
            TemplateModel title = env.getMainNamespace().get("title");
            return new Rendered(title == null ? "" : title.toString(), sections(out.toString()));
        } catch (IOException | TemplateException e) {
            // A broken template fails every agency alike; retrying cannot mend it.
            throw new DataError(Stage.MODEL, "说明模板 " + template + " 出错：" + e.getMessage());
        }
    }

    static List<NarrativeSection> sections(String text) {
        List<NarrativeSection> sections = new ArrayList<>();
        String heading = null;
        List<String> paragraphs = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("# ")) {
                if (heading != null || !paragraphs.isEmpty()) {
                    sections.add(new NarrativeSection(heading == null ? "" : heading, paragraphs));
                }
                heading = line.substring(2).strip();
                paragraphs = new ArrayList<>();
            } else if (!line.isEmpty()) {
                paragraphs.add(line);
            }
        }
        if (heading != null || !paragraphs.isEmpty()) {
            sections.add(new NarrativeSection(heading == null ? "" : heading, paragraphs));
        }
        return sections;
    }

    /** Authored multi-line text as its non-blank lines, each a paragraph. */
    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Object chineseNumeral(List<?> args) throws TemplateModelException {
        if (args.size() != 1 || !(args.get(0) instanceof TemplateNumberModel n)) {
            throw new TemplateModelException("cn(n) takes one number");
        }
        return ChineseNumerals.of(n.getAsNumber().intValue());
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
