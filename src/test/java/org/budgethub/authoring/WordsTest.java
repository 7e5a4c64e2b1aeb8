package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.budgethub.model.NarrativeInput;

/** The words as JSON and the checks they pass, without Spring. */
class WordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<Words.Problem> refused(String words) throws Exception {
        try {
            Words.fromRequest("101023", 2026, json(words));
        } catch (Words.Refused e) {
            return e.problems();
        }
        throw new AssertionError("taken: " + words);
    }

    @Test
    void theStoredFormHasOnlyTheNonEmptyKeysInTheContractsOrderAndTheSameWordsTheSameHash() throws Exception {
        NarrativeInput a = Words.fromRequest("101023", 2026, json("""
                {"contact": {"phone": "023-1", "name": ""}, "notes": ["  注一 ", "", null], "reasons": {"project": "项目", "income": "收入\\r\\n第二行"},
                 "duties": " 职责 ", "composition": null}"""));
        assertThat(Words.storedText(a)).isEqualTo("{\"duties\":\"职责\",\"reasons\":{\"income\":\"收入\\n第二行\",\"project\":\"项目\"},"
                + "\"notes\":[\"注一\"],\"contact\":{\"phone\":\"023-1\"}}");
        NarrativeInput b = new NarrativeInput("101023", 2026, "职责", "", Map.of("project", "项目 ", "income", "收入\n第二行"), List.of("注一"), "",
                "023-1");
        assertThat(Words.hash(a)).isEqualTo(Words.hash(b)).hasSize(64);
        assertThat(Words.fromStored("101023", 2026, Words.storedText(a))).isEqualTo(Words.canonical("101023", 2026, b));
    }

    @Test
    void theApiShowsEveryKeyEmptyWhereThereAreNone() {
        JsonNode api = Words.api(new NarrativeInput("1", 2026, "", "", Map.of(), List.of(), "", ""));
        assertThat(api.path("reasons").size()).isEqualTo(11);
        assertThat(api.path("reasons").path("sangongVehiclePurchase").asText()).isEmpty();
        assertThat(api.path("notes").isArray()).isTrue();
        assertThat(api.path("contact").path("name").isTextual()).isTrue();
    }

    @Test
    void unknownKeysAreNamedWithTheKeyTheyMostLikelyMeant() throws Exception {
        List<Words.Problem> problems = refused("{\"reason\": {}, \"reasons\": {\"incom\": \"x\", \"sangongabroad\": \"y\"}, \"contact\": {\"mail\": \"a\"},"
                + " \"agency\": \"101023\"}");
        assertThat(problems).extracting(Words.Problem::field).containsExactly("words.reason", "words.reasons.incom",
                "words.reasons.sangongabroad", "words.contact.mail", "words.agency");
        assertThat(problems.get(0).message()).contains("是否应为 reasons？");
        assertThat(problems.get(1).message()).contains("reasons.income");
        assertThat(problems.get(2).message()).contains("reasons.sangongAbroad");
        assertThat(problems.get(4).message()).contains("地址");
    }

    @Test
    void anythingButTextIsRefusedNamingWhatItIs() throws Exception {
        List<Words.Problem> problems = refused("{\"duties\": 12, \"composition\": true, \"reasons\": {\"basic\": {\"a\": 1}}, \"notes\": \"一条\","
                + " \"contact\": [\"x\"]}");
        assertThat(problems).extracting(Words.Problem::field).containsExactly("words.duties", "words.composition", "words.reasons.basic",
                "words.notes", "words.contact");
        assertThat(problems).extracting(Words.Problem::message).satisfiesExactly(
                m -> assertThat(m).contains("数字（12）"), m -> assertThat(m).contains("真假值"), m -> assertThat(m).contains("对象"),
                m -> assertThat(m).contains("列表"), m -> assertThat(m).contains("对象", "列表"));
        assertThat(refused("[]")).extracting(Words.Problem::field).containsExactly("words");
        assertThatThrownBy(() -> Words.fromRequest("1", 2026, null)).isInstanceOf(Words.Refused.class);
    }

    @Test
    void aFieldOverFiveThousandCharactersOrWithAControlCharacterIsRefusedLineFeedAndTabAreText() throws Exception {
        assertThat(refused("{\"duties\": \"" + "字".repeat(5001) + "\"}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("5000", "5001"));
        Words.fromRequest("1", 2026, json("{\"duties\": \"" + "字".repeat(5000) + "\"}"));
        // a character beyond the BMP counts once
        Words.fromRequest("1", 2026, json("{\"duties\": \"" + "𠀀".repeat(5000) + "\"}"));
        assertThat(refused("{\"notes\": [\"ok\", \"a\\u0000b\"]}")).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("words.notes[1]", "U+0000", "第 2 个字"));
        assertThat(refused("{\"reasons\": {\"fund\": \"\\u001b[31m\"}}")).extracting(Words.Problem::field).containsExactly("words.reasons.fund");
        assertThat(refused("{\"duties\": \"a\\u0085b\"}")).hasSize(1);
        assertThat(refused("{\"duties\": \"a\\rb\"}")).as("a lone carriage return").hasSize(1);
        NarrativeInput kept = Words.fromRequest("1", 2026, json("{\"duties\": \"一\\r\\n\\t二 <script>&amp;</script> =SUM(A1)\"}"));
        assertThat(kept.duties()).isEqualTo("一\n\t二 <script>&amp;</script> =SUM(A1)");
    }

    @Test
    void aFilesWordsAreCheckedLikeTheApisWithTheFileAndLineOfAnUnknownKey() {
        NarrativeInput file = new NarrativeInput("1", 2026, "职责\u0007", "", Map.of("income", "x".repeat(5001)), List.of(), "", "",
                List.of(new NarrativeInput.UnknownKey("reasons.incom", "reasons.income", "说明文件 1.yaml 第 7 行")));
        assertThat(Words.problems(file)).extracting(Words.Problem::toString).satisfiesExactly(
                p -> assertThat(p).contains("reasons.incom", "第 7 行", "reasons.income"),
                p -> assertThat(p).contains("duties", "U+0007"),
                p -> assertThat(p).contains("reasons.income", "5000"));
    }
}
