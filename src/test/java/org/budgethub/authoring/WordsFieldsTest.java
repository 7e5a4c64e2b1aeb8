package org.budgethub.authoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The words page names every CONTRACT §1 key once, each with its own label and the sentence it completes. */
class WordsFieldsTest {

    @Test
    void everyKeyOfTheContractOnceInItsOrder() {
        assertThat(WordsFields.ALL).extracting(WordsFields.Field::key).containsExactly("duties", "composition",
                "reasons.income", "reasons.expenditure", "reasons.basic", "reasons.project", "reasons.fund",
                "reasons.sangong", "reasons.sangongAbroad", "reasons.sangongReception", "reasons.sangongVehicleOperation",
                "reasons.sangongVehiclePurchase", "reasons.adminCost", "notes", "contact.name", "contact.phone");
        assertThat(WordsFields.ALL).extracting(WordsFields.Field::label).doesNotHaveDuplicates();
        assertThat(WordsFields.ALL).extracting(WordsFields.Field::id).doesNotHaveDuplicates();
    }

    @Test
    void aReasonSaysWhichSentenceItCompletes() {
        WordsFields.Field income = WordsFields.ALL.get(2);
        assertThat(income.label()).isEqualTo("收入变动原因");
        assertThat(income.completesFor(2026)).contains("收入较 2025 年").endsWith("____。");
        assertThat(income.id()).isEqualTo("words-reasons-income");
        assertThat(WordsFields.ALL).filteredOn(WordsFields.Field::reason)
                .allSatisfy(f -> assertThat(f.completes()).contains("{P} 年").contains("____"));
    }

    @Test
    void groupsKeepTheOrderOfThe说明() {
        assertThat(List.copyOf(WordsFields.groups().keySet())).containsExactly("单位基本情况", "收支变动原因", "“三公”经费变动原因",
                "其他重要事项", "联系人");
        assertThat(WordsFields.labelsJson()).startsWith("{\"duties\":\"职能职责\"").contains("\"reasons.income\":\"收入变动原因\"");
    }
}
