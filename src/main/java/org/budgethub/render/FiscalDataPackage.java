package org.budgethub.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.mapping.Fund;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.Disclosure;
import org.budgethub.model.ElementTables;
import org.budgethub.model.PackageFile;
import org.budgethub.model.Project;

/**
 * An (Open) Fiscal Data Package of one agency's budget year: {@code appropriations.csv}, one row per
 * counted appropriation with its exact amount in yuan and its classifications, and the
 * {@code datapackage.json} that describes it (Table Schema and the OFDP model).
 */
final class FiscalDataPackage {

    public static final String RESOURCE = "appropriations";

    /** Fund names as CONTRACT.md §2 lists them, in its column order. */
    public static final Map<String, String> FUND_NAMES = fundNames();

    private static final Map<String, String> KIND_NAMES = Map.of(Appropriation.BASIC, "基本支出", Appropriation.PROJECT, "项目支出");
    private static final Map<String, String> SOURCE_NAMES = Map.of(Appropriation.NEW_MONEY, "当年预算", Appropriation.CARRY_OVER, "上年结转");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // Pretty-printed with \n whatever the platform's line separator, so the bytes never vary.
    private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter WRITER = MAPPER.writer(
            new DefaultPrettyPrinter().withObjectIndenter(INDENTER).withArrayIndenter(INDENTER).withoutSpacesInObjectEntries());

    /** A CSV column: its name, Table Schema type, description and value. */
    private record Column(String name, String type, String title, Function<Row, String> value) {
    }

    /** One appropriation with the names it is published with. */
    private record Row(Appropriation a, ElementTables names, Map<String, String> projectNames, AgencyExtract extract) {

        String functional(int length) {
            return prefix(a.functionalCode(), length);
        }

        String functionalName(int length) {
            String code = functional(length);
            return code == null ? "" : names.functionalName(code).orElse("");
        }

        String economic(int length) {
            return prefix(a.economicCode(), length);
        }

        String economicName(int length) {
            String code = economic(length);
            return code == null ? "" : names.economicName(code).orElse("");
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("bgt_id", "string", "指标编号", r -> r.a().bgtId()),
            new Column("fiscal_year", "integer", "预算年度", r -> Integer.toString(r.a().fiscalYear())),
            new Column("agency_code", "string", "单位编码", r -> r.a().agencyCode()),
            new Column("agency_name", "string", "单位名称", r -> nameOrEmpty(r.extract().agencyOf(r.a().agencyCode()).name())),
            new Column("functional_class", "string", "功能分类 类", r -> r.functional(3)),
            new Column("functional_class_name", "string", "功能分类 类名称", r -> r.functionalName(3)),
            new Column("functional_section", "string", "功能分类 款", r -> r.functional(5)),
            new Column("functional_section_name", "string", "功能分类 款名称", r -> r.functionalName(5)),
            new Column("functional_item", "string", "功能分类 项", r -> r.functional(7)),
            new Column("functional_item_name", "string", "功能分类 项名称", r -> r.functionalName(7)),
            new Column("economic_class", "string", "部门预算经济分类 类", r -> r.economic(3)),
            new Column("economic_class_name", "string", "部门预算经济分类 类名称", r -> r.economicName(3)),
            new Column("economic_section", "string", "部门预算经济分类 款", r -> r.economic(5)),
            new Column("economic_section_name", "string", "部门预算经济分类 款名称", r -> r.economicName(5)),
            new Column("fund_code", "string", "资金性质编码", r -> r.a().fundCode()),
            new Column("fund_name", "string", "资金性质", r -> FUND_NAMES.getOrDefault(r.a().fundCode(), "")),
            new Column("exp_kind", "string", "支出类型（B 基本支出，P 项目支出）", r -> r.a().expKind()),
            new Column("exp_kind_name", "string", "支出类型名称", r -> KIND_NAMES.getOrDefault(r.a().expKind(), "")),
            new Column("source", "string", "资金来源（N 当年预算，C 上年结转）", r -> r.a().source()),
            new Column("source_name", "string", "资金来源名称", r -> SOURCE_NAMES.getOrDefault(r.a().source(), "")),
            new Column("project_code", "string", "项目编码", r -> r.a().projectCode()),
            new Column("project_name", "string", "项目名称", r -> r.a().projectCode() == null ? "" : r.projectNames().getOrDefault(r.a().projectCode(), "")),
            new Column("amount", "number", "金额（元）：INITIAL 指标账之和", r -> amount(r.a().amount())));

    private FiscalDataPackage() {
    }

    /** The package's files by name, {@code datapackage.json} first. {@code disclosure} may be null. */
    public static Map<String, byte[]> render(AgencyExtract extract, Disclosure disclosure) {
        byte[] csv = csv(extract);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PackageLayout.DATAPACKAGE, descriptor(extract, disclosure, csv));
        files.put(PackageLayout.CSV, csv);
        return files;
    }

    /** {@code appropriations.csv}: the counted appropriations of the budget year, by bgt_id; RFC 4180, UTF-8, \n. */
    public static byte[] csv(AgencyExtract extract) {
        ElementTables names = extract.elementsOf(extract.year());
        Map<String, String> projectNames = new LinkedHashMap<>();
        for (Project p : extract.projects()) {
            projectNames.putIfAbsent(p.code(), p.name() == null ? "" : p.name());
        }
        StringBuilder out = new StringBuilder();
        line(out, COLUMNS.stream().map(Column::name).toList());
        extract.appropriations().stream()
                .filter(a -> a.fiscalYear() == extract.year() && a.counted())
                .sorted(Comparator.comparing(Appropriation::bgtId))
                .map(a -> new Row(a, names, projectNames, extract))
                .forEach(row -> line(out, COLUMNS.stream().map(c -> cell(c, row)).toList()));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code datapackage.json} for the given CSV bytes (its size and hash are part of the descriptor). */
    public static byte[] descriptor(AgencyExtract extract, Disclosure disclosure, byte[] csv) {
        int year = extract.year();
        String code = extract.agency().code();
        String agencyName = disclosure != null && disclosure.agencyName() != null ? disclosure.agencyName() : extract.agency().name();

        ObjectNode root = MAPPER.createObjectNode();
        root.put("profile", "fiscal-data-package");
        root.put("name", ("budget-" + code + "-" + year).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"));
        boolean department = extract.isDepartment();
        root.put("title", agencyName + " " + year + (department ? " 年部门预算指标（年初预算）" : " 年单位预算指标（年初预算）"));
        root.put("description", (department ? "部门 " + code + " 所属各单位 " : "预算单位 " + code + " ") + year + " 年年初预算的预算指标：每个未删除指标一行，金额为其 INITIAL 指标账之和（元），"
                + "不含 ADJUST（年中调整）。" + (disclosure != null && disclosure.title() != null ? "对应《" + disclosure.title() + "》。" : ""));
        root.put("countryCode", "CN");
        root.put("granularity", "aggregated");
        root.put("fiscalYear", year);
        ObjectNode period = root.putObject("fiscalPeriod");
        period.put("start", year + "-01-01");
        period.put("end", year + "-12-31");
        ObjectNode agency = root.putObject("agency");
        agency.put("code", code);
        agency.put("name", agencyName);
        if (extract.agency().supervisor() != null) {
            agency.put("supervisor", extract.agency().supervisor());
        }

        ArrayNode resources = root.putArray("resources");
        ObjectNode resource = resources.addObject();
        resource.put("name", RESOURCE);
        resource.put("path", PackageLayout.CSV);
        resource.put("profile", "tabular-data-resource");
        resource.put("format", "csv");
        resource.put("mediatype", "text/csv");
        resource.put("encoding", "utf-8");
        resource.put("bytes", csv.length);
        resource.put("hash", "sha256:" + PackageFile.sha256(csv));
        ObjectNode dialect = resource.putObject("dialect");
        dialect.put("delimiter", ",");
        dialect.put("lineTerminator", "\n");
        dialect.put("quoteChar", "\"");
        dialect.put("doubleQuote", true);
        dialect.put("header", true);
        ObjectNode schema = resource.putObject("schema");
        ArrayNode fields = schema.putArray("fields");
        for (Column c : COLUMNS) {
            ObjectNode field = fields.addObject();
            field.put("name", c.name());
            field.put("type", c.type());
            field.put("title", c.title());
            switch (c.name()) {
                case "bgt_id", "fiscal_year", "agency_code", "functional_item", "economic_section", "fund_code", "amount" ->
                        field.putObject("constraints").put("required", true);
                case "exp_kind" -> enumOf(field, List.of(Appropriation.BASIC, Appropriation.PROJECT));
                case "source" -> enumOf(field, List.of(Appropriation.NEW_MONEY, Appropriation.CARRY_OVER));
                default -> { }
            }
            if (c.name().equals("amount")) {
                field.put("decimalChar", ".");
                field.put("bareNumber", true);
            }
        }
        schema.put("primaryKey", "bgt_id");
        schema.putArray("missingValues").add("");

        model(root.putObject("model"));
        try {
            return WRITER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void model(ObjectNode model) {
        ObjectNode amount = model.putObject("measures").putObject("amount");
        amount.put("source", "amount");
        amount.put("currency", "CNY");
        amount.put("factor", 1);
        amount.put("resource", RESOURCE);
        amount.put("direction", "expenditure");
        amount.put("phase", "approved");

        ObjectNode dims = model.putObject("dimensions");
        ObjectNode appropriation = dimension(dims, "appropriation", "fact", "id");
        attribute(appropriation, "id", "bgt_id", null, null);

        ObjectNode date = dimension(dims, "date", "datetime", "year");
        attribute(date, "year", "fiscal_year", null, null);

        // A column, not a constant: the profile requires a source, and a department's rows are its units'.
        ObjectNode administrator = dimension(dims, "administrator", "entity", "id");
        attribute(administrator, "id", "agency_code", null, null);
        attribute(administrator, "title", "agency_name", "id", null);

        ObjectNode functional = dimension(dims, "functional-classification", "classification", "code");
        functional.put("classificationType", "functional");
        attribute(functional, "class", "functional_class", null, null);
        attribute(functional, "class_title", "functional_class_name", "class", null);
        attribute(functional, "section", "functional_section", null, "class");
        attribute(functional, "section_title", "functional_section_name", "section", null);
        attribute(functional, "code", "functional_item", null, "section");
        attribute(functional, "title", "functional_item_name", "code", null);

        ObjectNode economic = dimension(dims, "economic-classification", "classification", "code");
        economic.put("classificationType", "economic");
        attribute(economic, "class", "economic_class", null, null);
        attribute(economic, "class_title", "economic_class_name", "class", null);
        attribute(economic, "code", "economic_section", null, "class");
        attribute(economic, "title", "economic_section_name", "code", null);

        ObjectNode fund = dimension(dims, "fund", "entity", "id");
        attribute(fund, "id", "fund_code", null, null);
        attribute(fund, "title", "fund_name", "id", null);

        ObjectNode kind = dimension(dims, "expenditure-kind", "classification", "code");
        attribute(kind, "code", "exp_kind", null, null);
        attribute(kind, "title", "exp_kind_name", "code", null);

        ObjectNode source = dimension(dims, "source", "other", "code");
        attribute(source, "code", "source", null, null);
        attribute(source, "title", "source_name", "code", null);

        ObjectNode project = dimension(dims, "project", "activity", "id");
        attribute(project, "id", "project_code", null, null);
        attribute(project, "title", "project_name", "id", null);
    }

    private static ObjectNode dimension(ObjectNode dims, String name, String type, String primaryKey) {
        ObjectNode d = dims.putObject(name);
        d.put("dimensionType", type);
        d.put("primaryKey", primaryKey);
        d.putObject("attributes");
        return d;
    }

    private static void attribute(ObjectNode dimension, String name, String source, String labelFor, String parent) {
        ObjectNode a = attributes(dimension).putObject(name);
        a.put("source", source);
        a.put("resource", RESOURCE);
        if (labelFor != null) {
            a.put("labelfor", labelFor);
        }
        if (parent != null) {
            a.put("parent", parent);
        }
    }

    private static ObjectNode attributes(ObjectNode dimension) {
        return (ObjectNode) dimension.get("attributes");
    }

    private static void enumOf(ObjectNode field, List<String> values) {
        ObjectNode constraints = field.putObject("constraints");
        constraints.put("required", true);
        ArrayNode e = constraints.putArray("enum");
        values.forEach(e::add);
    }

    /** Yuan with exactly two decimals; an amount with more (which validation rejects) is never rounded away. */
    static String amount(BigDecimal yuan) {
        return yuan.scale() <= 2 ? yuan.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : yuan.toPlainString();
    }

    private static void line(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        out.append('\n');
    }

    /** A text cell is neutralised against formula injection; numbers stay numbers ("-1200.00"). */
    private static String cell(Column column, Row row) {
        String value = column.value().apply(row);
        return "string".equals(column.type()) ? neutralised(value) : value;
    }

    /**
     * A spreadsheet opening the CSV runs a cell that begins with =, +, - or @ (or a tab or carriage
     * return before one) as a formula: such text from the finance data is prefixed with ' so it
     * shows as typed (OWASP "CSV injection").
     */
    static String neutralised(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value : value;
    }

    /** RFC 4180: quote a field holding a comma, a quote or a line break, doubling its quotes. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static String nameOrEmpty(String name) {
        return name == null ? "" : name;
    }

    private static String prefix(String code, int length) {
        return code == null || code.length() < length ? null : code.substring(0, length);
    }

    private static Map<String, String> fundNames() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Fund f : Fund.values()) {
            m.put(f.code(), f.shortName());
        }
        return Collections.unmodifiableMap(m);
    }
}
