package kensa.assess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kensa.rulebase.Finding;

/**
 * A finding's stable key within one facility's results: its rule, scope and subject, {@code rule|scope|subject}
 * (empty trailing parts left off), and {@code #2}, {@code #3}… for further findings of the same three in a stable
 * order. Unlike a place in a list, the key of a finding stays the same when other findings come or go, so it can be
 * compared across facilities, runs and the batch record and the per-facility report.
 */
public final class FindingKeys {
    private FindingKeys() {}

    /** The key of each finding, at the same index. */
    public static List<String> of(List<Finding> findings) {
        List<Finding> ordered = new ArrayList<>(findings);
        ordered.sort(Assessment::stable);
        Map<Finding, String> byFinding = new HashMap<>(findings.size() * 2);
        Map<String, Integer> seen = new HashMap<>(findings.size() * 2);
        for (Finding f : ordered) {
            String base = base(f);
            int n = seen.merge(base, 1, Integer::sum);
            byFinding.putIfAbsent(f, n == 1 ? base : base + "#" + n);
        }
        List<String> keys = new ArrayList<>(findings.size());
        for (Finding f : findings) keys.add(byFinding.get(f));
        return keys;
    }

    /** {@code rule|scope|subject}; '%', '|' and '#' inside a part are percent-encoded, so no two triples share a key. */
    static String base(Finding f) {
        String scope = part(f.scope());
        String subject = part(f.subject());
        StringBuilder key = new StringBuilder(part(f.rule()));
        if (!scope.isEmpty() || !subject.isEmpty()) key.append('|').append(scope);
        if (!subject.isEmpty()) key.append('|').append(subject);
        return key.toString();
    }

    private static String part(String s) {
        if (s == null) return "";
        if (s.indexOf('%') < 0 && s.indexOf('|') < 0 && s.indexOf('#') < 0) return s;
        return s.replace("%", "%25").replace("|", "%7C").replace("#", "%23");
    }
}
