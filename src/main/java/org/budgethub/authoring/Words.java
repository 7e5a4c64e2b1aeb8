package org.budgethub.authoring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.model.NarrativeInput;
import org.budgethub.narrative.NarrativeKeys;

/**
 * The words (CONTRACT §1: duties, composition, reasons{…}, notes[], contact{name, phone}) as the
 * store and the API hold them, and the checks every word passes before it is taken, from the API
 * or a file: only the contract's keys, text only, at most {@value #MAX_LENGTH} characters a field,
 * no control characters but line feed and tab. Plain Java: unit-tested without Spring.
 *
 * <p>The canonical form: every text stripped of surrounding white space (as the YAML folder's
 * reader does), {@code \r\n} as {@code \n}, blank notes dropped. The store keeps only the non-empty
 * keys, in the contract's order, and the SHA-256 of that JSON is the version's content hash: the
 * same words give the same hash however they came.
 */
public final class Words {

    /** The most characters (code points) one field may hold. */
    public static final int MAX_LENGTH = 5000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Words() {
    }

    /** A word refused: the field as the API names it ({@code words.reasons.income}, {@code words.notes[2]}) and why, in Chinese. */
    public record Problem(String field, String message) {

        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    /** The words refused, every problem named. */
    public static final class Refused extends IllegalArgumentException {
        private final transient List<Problem> problems;

        public Refused(List<Problem> problems) {
            super(String.join("；", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    // ---------------------------------------------------------------- canonical form and hash

    /** The words in canonical form, for {@code code} and {@code year}; unknown keys are not carried. */
    public static NarrativeInput canonical(String code, int year, NarrativeInput in) {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String key : NarrativeKeys.REASONS) {
            String r = text(in.reasons().get(key));
            if (!r.isEmpty()) {
                reasons.put(key, r);
            }
        }
        List<String> notes = in.notes().stream().map(Words::text).filter(s -> !s.isEmpty()).toList();
        return new NarrativeInput(code, year, text(in.duties()), text(in.composition()), reasons, notes, text(in.contactName()),
                text(in.contactPhone()));
    }

    /** The words as stored: only the non-empty keys, in the contract's order. */
    public static ObjectNode stored(NarrativeInput words) {
        NarrativeInput c = canonical(words.agency(), words.year(), words);
        ObjectNode out = JSON.createObjectNode();
        putIfAny(out, "duties", c.duties());
        putIfAny(out, "composition", c.composition());
        if (!c.reasons().isEmpty()) {
            ObjectNode reasons = out.putObject("reasons");
            NarrativeKeys.REASONS.forEach(k -> putIfAny(reasons, k, c.reason(k)));
        }
        if (!c.notes().isEmpty()) {
            ArrayNode notes = out.putArray("notes");
            c.notes().forEach(notes::add);
        }
        if (!c.contactName().isEmpty() || !c.contactPhone().isEmpty()) {
            ObjectNode contact = out.putObject("contact");
            putIfAny(contact, "name", c.contactName());
            putIfAny(contact, "phone", c.contactPhone());
        }
        return out;
    }

    /** The stored words as plain maps and lists, in the same order (the YAML export writes them). */
    public static Map<String, Object> storedMap(NarrativeInput words) {
        return JSON.convertValue(stored(words), new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** The stored JSON text. */
    public static String storedText(NarrativeInput words) {
        try {
            return JSON.writeValueAsString(stored(words));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 (hex) of the stored JSON: the same words give the same hash. */
    public static String hash(NarrativeInput words) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(storedText(words).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored JSON read back (it passed the checks when it was stored). */
    public static NarrativeInput fromStored(String code, int year, String json) {
        try {
            return read(code, year, JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("说明库中 " + code + " " + year + " 年的文字不是 JSON：" + e.getOriginalMessage(), e);
        }
    }

    /** The words as the API shows them: every key of the contract, empty where there are none. */
    public static ObjectNode api(NarrativeInput words) {
        NarrativeInput c = canonical(words.agency(), words.year(), words);
        ObjectNode out = JSON.createObjectNode();
        out.put("duties", c.duties());
        out.put("composition", c.composition());
        ObjectNode reasons = out.putObject("reasons");
        NarrativeKeys.REASONS.forEach(k -> reasons.put(k, c.reason(k)));
        ArrayNode notes = out.putArray("notes");
        c.notes().forEach(notes::add);
        ObjectNode contact = out.putObject("contact");
        contact.put("name", c.contactName());
        contact.put("phone", c.contactPhone());
        return out;
    }

    // ---------------------------------------------------------------- the checks

    /**
     * The words of a request body's {@code words}, checked and in canonical form.
     *
     * @throws Refused naming every field that breaks a rule (an unknown key, anything but text, too
     *                 long, a control character), in Chinese
     */
    public static NarrativeInput fromRequest(String code, int year, JsonNode words) {
        List<Problem> problems = new ArrayList<>();
        if (words == null || words.isNull() || words.isMissingNode()) {
            throw new Refused(List.of(new Problem("words", "缺少：请求正文须为 {\"words\": {…}}，words 中为说明文字的各键")));
        }
        if (!words.isObject()) {
            throw new Refused(List.of(new Problem("words", "须为对象（键: 文字），不能是" + kind(words))));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = words.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String name = "words." + key;
            JsonNode value = field.getValue();
            switch (key) {
                case "duties", "composition" -> checkText(name, value, problems);
                case "reasons" -> checkMap(name, value, NarrativeKeys.REASONS, problems);
                case "contact" -> checkMap(name, value, NarrativeKeys.CONTACT, problems);
                case "notes" -> checkNotes(name, value, problems);
                case "agency", "year" -> problems.add(new Problem(name, "不属于说明文字：单位和年度由地址 /api/narratives/{year}/{code} 给出"));
                default -> problems.add(new Problem(name, unknown(key)));
            }
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return read(code, year, words);
    }

    /**
     * The problems of words read from a file (the YAML folder's import): unknown keys with their file
     * and line, and every text's length and control characters; empty: the words may be taken.
     */
    public static List<Problem> problems(NarrativeInput words) {
        List<Problem> problems = new ArrayList<>();
        words.unknownKeys().forEach(k -> problems.add(new Problem(k.key(), "不是约定的键（" + k.where() + "）"
                + (k.closest() == null ? "" : "；是否应为 " + k.closest() + "？"))));
        checkText("duties", words.duties(), problems);
        checkText("composition", words.composition(), problems);
        words.reasons().forEach((k, v) -> checkText("reasons." + k, v, problems));
        for (int i = 0; i < words.notes().size(); i++) {
            checkText("notes[" + i + "]", words.notes().get(i), problems);
        }
        checkText("contact.name", words.contactName(), problems);
        checkText("contact.phone", words.contactPhone(), problems);
        return problems;
    }

    private static void checkMap(String name, JsonNode value, List<String> known, List<Problem> problems) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            problems.add(new Problem(name, "须为对象（键: 文字），不能是" + kind(value)));
            return;
        }
        String prefix = name.substring("words.".length()) + ".";
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (known.contains(field.getKey())) {
                checkText(name + "." + field.getKey(), field.getValue(), problems);
            } else {
                problems.add(new Problem(name + "." + field.getKey(), unknown(prefix + field.getKey())));
            }
        }
    }

    private static void checkNotes(String name, JsonNode value, List<Problem> problems) {
        if (value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            problems.add(new Problem(name, "须为文字的列表（[\"…\", \"…\"]），不能是" + kind(value)));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            checkText(name + "[" + i + "]", value.get(i), problems);
        }
    }

    private static void checkText(String name, JsonNode value, List<Problem> problems) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            problems.add(new Problem(name, "须为文字，不能是" + kind(value) + (value.isNumber() ? "（数字也请写成文字，加引号）" : "")));
            return;
        }
        checkText(name, value.textValue(), problems);
    }

    /** The length and the characters of one text. */
    static void checkText(String name, String text, List<Problem> problems) {
        if (text == null) {
            return;
        }
        String t = text.replace("\r\n", "\n");
        int length = t.codePointCount(0, t.length());
        if (length > MAX_LENGTH) {
            problems.add(new Problem(name, "超过 " + MAX_LENGTH + " 字（现有 " + length + " 字）"));
        }
        int position = 0;
        for (int i = 0; i < t.length(); ) {
            int c = t.codePointAt(i);
            position++;
            if (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t') {
                problems.add(new Problem(name, "第 " + position + " 个字是控制字符 " + String.format("U+%04X", c)
                        + "，说明文字只能含可见的文字、换行和制表符"));
                return;
            }
            if (Character.getType(c) == Character.SURROGATE) {
                problems.add(new Problem(name, "第 " + position + " 个字不是有效的 Unicode 字符"));
                return;
            }
            i += Character.charCount(c);
        }
    }

    private static String unknown(String key) {
        String closest = NarrativeKeys.closest(key);
        boolean suggest = !closest.equals("agency") && !closest.equals("year");
        return "不是约定的键，其内容不会出现在说明中" + (suggest ? "；是否应为 " + closest + "？" : "")
                + "（约定的键：duties、composition、reasons.{" + String.join("、", NarrativeKeys.REASONS)
                + "}、notes、contact.{name、phone}）";
    }

    private static String kind(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case NUMBER -> "数字（" + value.asText() + "）";
            case BOOLEAN -> "真假值（" + value.asText() + "）";
            case OBJECT -> "对象";
            case ARRAY -> "列表";
            case STRING -> "文字";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Words already checked (a request's, or the store's own JSON) as the canonical input. */
    private static NarrativeInput read(String code, int year, JsonNode words) {
        Map<String, String> reasons = new LinkedHashMap<>();
        JsonNode r = words.path("reasons");
        if (r.isObject()) {
            r.fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        List<String> notes = new ArrayList<>();
        words.path("notes").forEach(n -> notes.add(n.isNull() ? "" : n.asText()));
        JsonNode contact = words.path("contact");
        return canonical(code, year, new NarrativeInput(code, year, textOf(words.path("duties")), textOf(words.path("composition")), reasons,
                notes, textOf(contact.path("name")), textOf(contact.path("phone"))));
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() ? node.textValue() : "";
    }

    private static String text(String s) {
        return s == null ? "" : s.replace("\r\n", "\n").strip();
    }

    private static void putIfAny(ObjectNode node, String key, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(key, value);
        }
    }
}
