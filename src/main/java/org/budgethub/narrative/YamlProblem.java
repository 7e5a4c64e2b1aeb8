package org.budgethub.narrative;

import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML parse error as the person who wrote the file can act on it: where (line and column, counted
 * from 1 as editors do) and what, in Chinese only: SnakeYAML's English stays in the exception's cause,
 * for the log, never in what the author reads.
 */
final class YamlProblem {

    /** A problem this class has no words for: what to check, still in Chinese. */
    static final String GENERIC = "YAML 格式错误：请检查这一行及上一行的缩进、冒号和引号";

    private YamlProblem() {
    }

    static String describe(MarkedYAMLException e) {
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String where = at == null ? "" : "第 " + (at.getLine() + 1) + " 行第 " + (at.getColumn() + 1) + " 列：";
        String problem = e.getProblem() == null ? "" : e.getProblem();
        return where + explain(e, problem);
    }

    private static String explain(MarkedYAMLException e, String problem) {
        if (e instanceof DuplicateKeyException) {
            Mark first = e.getContextMark();
            return "键“" + problem.replaceFirst("^found duplicate key\\s*", "") + "”重复出现"
                    + (first == null ? "" : "（所在映射从第 " + (first.getLine() + 1) + " 行开始）") + "，后一个会覆盖前一个，须删去或合并";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "此处不能再有冒号：含“: ”的文字须整段加引号，或改用“|”多行写法";
        }
        if (problem.contains("could not find expected ':'")) {
            return "缺少冒号：每行应为“键: 值”，或上一行的引号没有闭合";
        }
        if (problem.contains("found character '\\t'")) {
            return "不能用 Tab 缩进，请改用空格";
        }
        if (problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'")) {
            return "方括号或花括号没有闭合";
        }
        if (problem.contains("found unexpected end of stream") || problem.contains("unexpected end")) {
            return "文件意外结束：引号或括号没有闭合";
        }
        if (problem.contains("bad indentation") || problem.contains("expected <block end>")) {
            return "缩进不一致：同一层的键须对齐";
        }
        return GENERIC;
    }
}
