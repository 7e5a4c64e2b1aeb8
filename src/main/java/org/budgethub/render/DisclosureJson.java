package org.budgethub.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.mapping.Money;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureTable;
import org.budgethub.model.FigureTable;
import org.budgethub.model.Finding;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.PerformanceTable;

/** The machine-readable {@code disclosure.json} of CONTRACT.md §5: cells exactly as printed. */
public final class DisclosureJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DisclosureJson() {
    }

    public static byte[] write(Disclosure d) {
        try {
            return MAPPER.writeValueAsBytes(toTree(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode toTree(Disclosure d) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("fiscalYear", d.fiscalYear());
        root.put("kind", d.kind());
        ObjectNode agency = root.putObject("agency");
        agency.put("code", d.agencyCode());
        agency.put("name", d.agencyName());
        if (d.isDepartment()) {
            ArrayNode units = root.putArray("units");
            d.units().forEach(u -> units.addObject().put("code", u.code()).put("name", u.name()));
        }
        root.put("unit", Disclosure.UNIT);
        root.put("title", d.title());
        ArrayNode tables = root.putArray("tables");
        for (DisclosureTable t : d.tables()) {
            ObjectNode table = tables.addObject();
            table.put("no", t.no());
            table.put("title", t.title());
            if (t instanceof FigureTable f) {
                ArrayNode rows = table.putArray("rows");
                f.rows().forEach(r -> {
                    ArrayNode row = rows.addArray();
                    r.forEach(c -> row.add(printed(c)));
                });
                table.put("note", f.note());
            } else if (t instanceof PerformanceTable p) {
                ObjectNode project = table.putObject("project");
                project.put("code", p.projectCode());
                project.put("name", p.name());
                project.put("supervisor", p.supervisor());
                project.put("budget", Money.narrative(p.budgetYuan()));
                project.put("summary", p.summary());
                project.put("basis", p.basis());
                project.put("goal", p.goal());
                ArrayNode indicators = project.putArray("indicators");
                p.indicators().forEach(i -> strings(indicators.addArray(), i));
            }
        }
        ArrayNode narrative = root.putArray("narrative");
        for (NarrativeSection s : d.narrative()) {
            ObjectNode section = narrative.addObject();
            section.put("heading", s.heading());
            strings(section.putArray("paragraphs"), s.paragraphs());
        }
        findings(root.putArray("findings"), d.findings());
        return root;
    }

    /** Findings as the "findings" array of disclosure.json; the run history stores the same. */
    public static String findingsJson(List<Finding> findings) {
        ArrayNode array = MAPPER.createArrayNode();
        findings(array, findings);
        return array.toString();
    }

    private static void findings(ArrayNode array, List<Finding> findings) {
        for (Finding f : findings) {
            ObjectNode finding = array.addObject();
            finding.put("severity", f.severity().name());
            finding.put("rule", f.rule());
            finding.put("message", f.message());
            finding.put("location", f.location());
            ArrayNode rows = finding.putArray("rows");
            f.rows().forEach(r -> rows.addObject().put("table", r.table()).put("id", r.id()));
        }
    }

    /** A cell as printed: labels as they are, amounts in 万元 ({@code 1,587.88}, blank for zero). */
    public static String printed(Cell cell) {
        if (cell instanceof Cell.Amount a) {
            return Money.cell(a.yuan());
        }
        return ((Cell.Text) cell).text();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
