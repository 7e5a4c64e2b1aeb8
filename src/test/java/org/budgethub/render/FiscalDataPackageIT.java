package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.budgethub.mapping.BudgetLines;
import org.budgethub.mapping.Money;
import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.model.LedgerEntry;
import org.budgethub.model.Project;
import org.budgethub.support.Fixtures;
import org.budgethub.support.SeedDisclosure;

class FiscalDataPackageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void thePackageHoldsTheDescriptorThenTheCsv() {
        Map<String, byte[]> files = FiscalDataPackage.render(SeedDisclosure.extract(), SeedDisclosure.disclosure());
        assertThat(files.keySet()).containsExactly("datapackage.json", "appropriations.csv");
    }

    @Test
    void csvAmountsAddUpExactlyToTheCountedAppropriationsOfTheYear() {
        AgencyExtract extract = SeedDisclosure.extract();
        List<Map<String, String>> rows = rows(csv(extract));

        BigDecimal expected = BudgetLines.of(extract.appropriations(), 2026).total();
        BigDecimal sum = rows.stream().map(r -> new BigDecimal(r.get("amount"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(expected);
        // …which is the 合计 of the golden 表六.
        assertThat(Money.cell(sum)).isEqualTo("1,587.88");

        long counted = extract.appropriations().stream().filter(a -> a.fiscalYear() == 2026 && a.counted()).count();
        assertThat(rows).hasSize((int) counted);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("amount")).matches("-?[0-9]+\\.[0-9]{2}");
            assertThat(r.get("fiscal_year")).isEqualTo("2026");
            assertThat(r.get("agency_code")).isEqualTo("101023");
            assertThat(r.get("agency_name")).isEqualTo("原重庆市江北区数字化城市运行和治理中心");
        });
        List<String> ids = rows.stream().map(r -> r.get("bgt_id")).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaIsNeutralisedButNumbersStayNumbers() {
        AgencyExtract extract = new Fixtures()
                .add(Fixtures.YEAR, "2010301", "30101", "11", "P", "N", "=HYPERLINK(\"http://x\")", "-1200.00", "100.00")
                .project(new Project("=HYPERLINK(\"http://x\")", "@SUM(A1:A9)", null, null, null, List.of()))
                .extract();
        Map<String, String> row = rows(csv(extract)).get(0);

        assertThat(row.get("project_code")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(row.get("project_name")).isEqualTo("'@SUM(A1:A9)");
        assertThat(row.get("amount")).isEqualTo("-1100.00");
        assertThat(FiscalDataPackage.neutralised("-5 元")).isEqualTo("'-5 元");
        assertThat(FiscalDataPackage.neutralised("+86 023")).isEqualTo("'+86 023");
        assertThat(FiscalDataPackage.neutralised("行政运行")).isEqualTo("行政运行");
    }

    @Test
    void softDeletedAppropriationsAndAdjustEntriesDoNotCount() {
        List<Map<String, String>> rows = rows(csv(SeedDisclosure.extract()));
        assertThat(rows).extracting(r -> r.get("bgt_id")).doesNotContain("BGT202600058");
        Map<String, String> adjusted = byId(rows, "BGT202600057");
        // 384551.00 - 12000.00 INITIAL; the 50000.00 ADJUST stays out.
        assertThat(adjusted.get("amount")).isEqualTo("372551.00");
    }

    @Test
    void rowsCarryTheClassificationNamesOfTheYearAndTheFundNames() {
        Map<String, String> row = byId(rows(csv(SeedDisclosure.extract())), "BGT202600057");
        assertThat(row).containsEntry("functional_class", "201")
                .containsEntry("functional_class_name", "一般公共服务支出")
                .containsEntry("functional_section", "20103")
                .containsEntry("functional_section_name", "政府办公厅（室）及相关机构事务")
                .containsEntry("functional_item", "2010350")
                .containsEntry("functional_item_name", "事业运行")
                .containsEntry("economic_class", "302")
                .containsEntry("economic_class_name", "商品和服务支出")
                .containsEntry("economic_section", "30299")
                .containsEntry("economic_section_name", "其他商品和服务支出")
                .containsEntry("fund_code", "11")
                .containsEntry("fund_name", "一般公共预算")
                .containsEntry("exp_kind", "B")
                .containsEntry("source", "N")
                .containsEntry("project_code", "");
    }

    @Test
    void csvIsUtf8WithoutBomWithUnixLineEnds() {
        byte[] bytes = FiscalDataPackage.csv(SeedDisclosure.extract());
        assertThat(bytes[0]).isEqualTo((byte) 'b');
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r").endsWith("\n").startsWith("bgt_id,fiscal_year,agency_code,");
        assertThat(text).contains("一般公共服务支出");
    }

    @Test
    void valuesWithCommasQuotesAndLineBreaksAreQuotedPerRfc4180() {
        AgencyExtract extract = new Fixtures()
                .functionalName("2010301", "行政运行, 含\"引号\"")
                .basic("2010301", "30101", "100.5")
                .add(Fixtures.YEAR, "2010350", "30201", "39", "P", "C", "P1", "10", "0.25")
                .project(new Project("P1", "第一行\n第二行", "", "", "", List.of()))
                .add(Fixtures.YEAR - 1, "2010301", "30101", "11", "B", "N", null, "999")
                .appropriation(new Appropriation("Z-DELETED", Fixtures.YEAR, "900001", "2010301", "30101", "11", "B", "N", null,
                        true, List.of(new LedgerEntry("Z-1", LedgerEntry.INITIAL, new BigDecimal("5")))))
                .extract();
        String text = new String(FiscalDataPackage.csv(extract), StandardCharsets.UTF_8);
        assertThat(text).contains(",\"行政运行, 含\"\"引号\"\"\",");
        assertThat(text).contains(",\"第一行\n第二行\",");

        List<Map<String, String>> rows = rows(text);
        assertThat(rows).extracting(r -> r.get("bgt_id")).containsExactly("A1", "A2");
        assertThat(rows.get(0)).containsEntry("functional_item_name", "行政运行, 含\"引号\"").containsEntry("amount", "100.50");
        assertThat(rows.get(1)).containsEntry("project_name", "第一行\n第二行").containsEntry("amount", "10.25")
                .containsEntry("fund_name", "其他收入").containsEntry("source", "C").containsEntry("exp_kind", "P");
        assertThat(FiscalDataPackage.field("plain")).isEqualTo("plain");
        assertThat(FiscalDataPackage.field("a\"b")).isEqualTo("\"a\"\"b\"");
    }

    @Test
    void descriptorIsAFiscalDataPackageNamingTheResourceAndItsFields() throws Exception {
        AgencyExtract extract = SeedDisclosure.extract();
        Map<String, byte[]> files = FiscalDataPackage.render(extract, SeedDisclosure.disclosure());
        String descriptor = new String(files.get("datapackage.json"), StandardCharsets.UTF_8);
        assertThat(descriptor).doesNotContain("\r").contains("\n  \"profile\"");
        JsonNode dp = JSON.readTree(files.get("datapackage.json"));

        assertThat(dp.path("profile").asText()).isEqualTo("fiscal-data-package");
        assertThat(dp.path("name").asText()).matches("[a-z0-9._-]+");
        assertThat(dp.path("title").asText()).contains("原重庆市江北区数字化城市运行和治理中心");
        assertThat(dp.path("agency").path("code").asText()).isEqualTo("101023");
        assertThat(dp.path("fiscalYear").asInt()).isEqualTo(2026);

        assertThat(dp.path("resources")).hasSize(1);
        JsonNode resource = dp.path("resources").get(0);
        assertThat(resource.path("name").asText()).isEqualTo("appropriations");
        assertThat(resource.path("path").asText()).isEqualTo("appropriations.csv");
        assertThat(resource.path("format").asText()).isEqualTo("csv");
        assertThat(resource.path("encoding").asText()).isEqualTo("utf-8");
        byte[] csv = files.get("appropriations.csv");
        assertThat(resource.path("bytes").asLong()).isEqualTo(csv.length);
        assertThat(resource.path("hash").asText())
                .isEqualTo("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)));

        List<String> fieldNames = new ArrayList<>();
        resource.path("schema").path("fields").forEach(f -> {
            fieldNames.add(f.path("name").asText());
            assertThat(f.path("type").asText()).isIn("string", "integer", "number");
        });
        String header = new String(csv, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(String.join(",", fieldNames)).isEqualTo(header);
        assertThat(typeOf(resource, "amount")).isEqualTo("number");
        assertThat(typeOf(resource, "fiscal_year")).isEqualTo("integer");
        assertThat(typeOf(resource, "functional_item")).isEqualTo("string");

        JsonNode model = dp.path("model");
        assertThat(model.path("measures").path("amount").path("source").asText()).isEqualTo("amount");
        assertThat(model.path("measures").path("amount").path("currency").asText()).isEqualTo("CNY");
        JsonNode dimensions = model.path("dimensions");
        assertThat(dimensions.has("functional-classification")).isTrue();
        assertThat(dimensions.has("economic-classification")).isTrue();
        assertThat(dimensions.has("fund")).isTrue();
        assertThat(dimensions.has("expenditure-kind")).isTrue();
        assertThat(dimensions.has("source")).isTrue();
        assertThat(dimensions.has("project")).isTrue();
        // Every attribute points at a column of the CSV: the fiscal profile requires a source.
        dimensions.forEach(d -> d.path("attributes").forEach(a -> assertThat(fieldNames).contains(a.path("source").asText())));
        assertThat(dimensions.path("functional-classification").path("attributes").path("code").path("source").asText())
                .isEqualTo("functional_item");
    }

    /** The administrator of a row is its own unit, in the CSV and in the model: a department's rows are its units'. */
    @Test
    void aDepartmentsRowsNameTheUnitThatHoldsThem() throws Exception {
        AgencyExtract department = DepartmentExtract.of101();
        Map<String, byte[]> files = FiscalDataPackage.render(department, null);
        List<Map<String, String>> rows = rows(new String(files.get("appropriations.csv"), StandardCharsets.UTF_8));
        Map<String, String> names = new LinkedHashMap<>();
        department.units().forEach(u -> names.put(u.code(), u.name()));
        assertThat(rows).extracting(r -> r.get("agency_code")).containsAll(names.keySet());
        assertThat(rows).allSatisfy(r -> assertThat(r.get("agency_name")).isEqualTo(names.get(r.get("agency_code"))));
        assertThat(names.values()).contains("原重庆市江北区数字化城市运行和治理中心", "重庆市江北区人民政府办公室");

        JsonNode dp = JSON.readTree(files.get("datapackage.json"));
        assertThat(dp.path("title").asText()).isEqualTo("重庆市江北区人民政府办公室 2026 年部门预算指标（年初预算）");
        JsonNode administrator = dp.path("model").path("dimensions").path("administrator").path("attributes");
        assertThat(administrator.path("id").path("source").asText()).isEqualTo("agency_code");
        assertThat(administrator.path("title").path("source").asText()).isEqualTo("agency_name");
        assertThat(administrator.path("title").path("labelfor").asText()).isEqualTo("id");
    }

    @Test
    void theSameExtractGivesTheSameBytes() {
        Map<String, byte[]> first = FiscalDataPackage.render(SeedDisclosure.extract(), SeedDisclosure.disclosure());
        Map<String, byte[]> second = FiscalDataPackage.render(SeedDisclosure.extract(), SeedDisclosure.disclosure());
        assertThat(second.get("datapackage.json")).isEqualTo(first.get("datapackage.json"));
        assertThat(second.get("appropriations.csv")).isEqualTo(first.get("appropriations.csv"));
    }

    private static String typeOf(JsonNode resource, String field) {
        for (JsonNode f : resource.path("schema").path("fields")) {
            if (f.path("name").asText().equals(field)) {
                return f.path("type").asText();
            }
        }
        return null;
    }

    private static String csv(AgencyExtract extract) {
        return new String(FiscalDataPackage.csv(extract), StandardCharsets.UTF_8);
    }

    private static Map<String, String> byId(List<Map<String, String>> rows, String id) {
        return rows.stream().filter(r -> r.get("bgt_id").equals(id)).findFirst().orElseThrow();
    }

    /** The CSV's records as maps by header, read with an RFC 4180 parser of its own. */
    private static List<Map<String, String>> rows(String csv) {
        List<List<String>> records = parse(csv);
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            assertThat(record).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), record.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(record).as("last line ends with \\n").isEmpty();
        return records;
    }
}
