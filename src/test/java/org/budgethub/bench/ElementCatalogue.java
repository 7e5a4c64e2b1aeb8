package org.budgethub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The element tables (支出功能分类, 部门预算支出经济分类, 资金性质) the generated data uses: the rows of
 * the demo extracts (demo/seed-unit.sql, demo/finance-demo-agencies.sql), copied as they are for
 * every generated year, plus the two 行政运行 项 the synthetic 发展改革 and 文化旅游 departments need
 * (2010401 and 2070101, as in the national 科目表).
 */
public final class ElementCatalogue {

    public record Element(String code, String name, String govEcoCode) {
    }

    private static final List<String> SOURCES = List.of("demo/seed-unit.sql", "demo/finance-demo-agencies.sql");
    private static final Pattern INSERT = Pattern.compile(
            "^INSERT INTO (ele_exp_func|ele_dep_bgt_eco|ele_fund_type) \\([^)]*\\) VALUES \\((.*)\\);\\s*$");

    private final Map<String, Element> functional = new LinkedHashMap<>();
    private final Map<String, Element> economic = new LinkedHashMap<>();
    private final Map<String, String> funds = new LinkedHashMap<>();

    private ElementCatalogue() {
    }

    /** The catalogue, read from the demo scripts on the classpath. */
    public static ElementCatalogue load() {
        ElementCatalogue c = new ElementCatalogue();
        for (String source : SOURCES) {
            try (InputStream in = ElementCatalogue.class.getClassLoader().getResourceAsStream(source)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource " + source + " is missing");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    c.read(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        c.functional.putIfAbsent("2010401", new Element("2010401", "行政运行", null));
        c.functional.putIfAbsent("2070101", new Element("2070101", "行政运行", null));
        return c;
    }

    private void read(String line) {
        Matcher m = INSERT.matcher(line.trim());
        if (!m.matches()) {
            return;
        }
        List<String> v = values(m.group(2));
        switch (m.group(1)) {
            case "ele_fund_type" -> funds.putIfAbsent(v.get(0), v.get(1));
            // The year is the first value; the rows are the same for every year of the demo.
            case "ele_exp_func" -> functional.putIfAbsent(v.get(1), new Element(v.get(1), v.get(2), null));
            default -> economic.putIfAbsent(v.get(1), new Element(v.get(1), v.get(2), v.get(3)));
        }
    }

    /** The values of one SQL VALUES list: quoted strings unquoted, NULL as null, numbers as text. */
    static List<String> values(String list) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < list.length()) {
            char c = list.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (c == '\'') {
                StringBuilder s = new StringBuilder();
                i++;
                while (i < list.length()) {
                    if (list.charAt(i) == '\'' && i + 1 < list.length() && list.charAt(i + 1) == '\'') {
                        s.append('\'');
                        i += 2;
                    } else if (list.charAt(i) == '\'') {
                        i++;
                        break;
                    } else {
                        s.append(list.charAt(i++));
                    }
                }
                out.add(s.toString());
            } else {
                int end = list.indexOf(',', i);
                String token = (end < 0 ? list.substring(i) : list.substring(i, end)).trim();
                out.add("NULL".equalsIgnoreCase(token) ? null : token);
                i = end < 0 ? list.length() : end;
            }
        }
        return out;
    }

    public Map<String, Element> functional() {
        return functional;
    }

    public Map<String, Element> economic() {
        return economic;
    }

    public Map<String, String> funds() {
        return funds;
    }

    public boolean hasFunctional(String code) {
        return functional.containsKey(code);
    }

    public boolean hasEconomic(String code) {
        return economic.containsKey(code);
    }
}
