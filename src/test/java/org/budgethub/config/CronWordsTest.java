package org.budgethub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 2 * * ?         | 每天 02:00",
            "0 30 23 ? * *       | 每天 23:30",
            "0 15 1 ? * MON-FRI  | 每周一至周五 01:15",
            "0 0 3 ? * SAT,SUN   | 每周六、周日 03:00",
            "0 0 4 ? * 2         | 每周一 04:00",
            "0 0 2 1,15 * ?      | 每月 1、15 日 02:00",
            "0 0 */6 * * ?       | 每天从 00:00 起每 6 小时一次",
            "0 5 1/4 * * ?       | 每天从 01:05 起每 4 小时一次",
    })
    void describesTheSchedulesBureausUse(String cron, String words) {
        assertThat(CronWords.describe(cron)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 0 2 L * ?",
            "30 0 2 * * ?",
            "0 0 2 * 1 ?",
            "0 0 2 ? * 6#3",
            "0 0 2 * * ? 2027",
    })
    void tellsAnythingElseAsTheExpressionRatherThanGuessing(String cron) {
        assertThat(CronWords.describe(cron)).isEqualTo("按 cron 表达式 " + cron);
    }
}
