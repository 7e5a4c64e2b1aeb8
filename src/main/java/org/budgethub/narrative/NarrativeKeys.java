package org.budgethub.narrative;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import org.budgethub.model.NarrativeInput.UnknownKey;

/**
 * The keys of an authored narrative that CONTRACT.md §1 fixes: a key outside them (a misspelt
 * {@code reason:}, a {@code contacts:}) would drop its words from the 说明 without a word, so each is
 * reported with the known key closest to it (edit distance, on the dotted key and on its last part).
 * The narrative store (authoring) checks the words the API and the import take against the same keys.
 */
public final class NarrativeKeys {

    public static final List<String> TOP = List.of("agency", "year", "duties", "composition", "reasons", "notes", "contact");
    public static final List<String> CONTACT = List.of("name", "phone");
    /** The keys under {@code reasons}, in the contract's (and the 说明's) order. */
    public static final List<String> REASONS = NarrativeRenderer.REASON_KEYS;
    /** Every key of the contract, dotted: the candidates a misspelt key is compared with. */
    public static final List<String> ALL = Stream.of(TOP.stream(), NarrativeRenderer.REASON_KEYS.stream().map(k -> "reasons." + k),
            CONTACT.stream().map(k -> "contact." + k)).flatMap(s -> s).toList();

    private NarrativeKeys() {
    }

    /** The unknown keys of a composed YAML document, in file order; {@code fileName} and the line say where. */
    static List<UnknownKey> unknown(Node document, String fileName) {
        List<UnknownKey> out = new ArrayList<>();
        if (document instanceof MappingNode top) {
            for (NodeTuple t : top.getValue()) {
                String key = key(t);
                if (!TOP.contains(key)) {
                    out.add(unknownKey(key, t, fileName));
                } else if (key.equals("reasons")) {
                    nested(t, "reasons.", NarrativeRenderer.REASON_KEYS, fileName, out);
                } else if (key.equals("contact")) {
                    nested(t, "contact.", CONTACT, fileName, out);
                }
            }
        }
        return out;
    }

    private static void nested(NodeTuple parent, String prefix, List<String> known, String fileName, List<UnknownKey> out) {
        if (parent.getValueNode() instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String key = key(t);
                if (!known.contains(key)) {
                    out.add(unknownKey(prefix + key, t, fileName));
                }
            }
        }
    }

    private static UnknownKey unknownKey(String key, NodeTuple t, String fileName) {
        int line = t.getKeyNode().getStartMark().getLine() + 1;
        return new UnknownKey(key, closest(key), "说明文件 " + fileName + " 第 " + line + " 行");
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
    }

    /** The known key nearest to {@code key}: a top-level {@code phone:} is nearest to contact.phone. */
    public static String closest(String key) {
        return ALL.stream().min(Comparator.comparingInt((String known) -> Math.min(distance(key, known), distance(leaf(key), leaf(known))))
                .thenComparingInt(known -> distance(key, known))).orElseThrow();
    }

    private static String leaf(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** Levenshtein distance, case-insensitive (sangongabroad is sangongAbroad). */
    static int distance(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length()];
    }
}
