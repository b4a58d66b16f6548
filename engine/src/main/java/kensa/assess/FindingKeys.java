package kensa.assess;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kensa.rulebase.Finding;

/**
 * Each finding's key in the JSON report and the batch record: its rule id, then {@code /scope} and {@code @subject}
 * when it has them ({@code default_passwords_changed/server}, {@code vendor_sla_signed@ひかり医療システム}), and
 * {@code #2}, {@code #3} … for further findings of the same rule, scope and subject. A key stays the same when another
 * rule adds or drops a finding, so a golden file changes only where a finding does.
 */
public final class FindingKeys {
    private FindingKeys() {}

    /** The keys of findings given in their stable order (the order decides which one is #2). */
    public static Map<Finding, String> of(List<Finding> findings) {
        Map<Finding, String> keys = new HashMap<>(findings.size() * 2);
        Set<String> taken = new HashSet<>(findings.size() * 2);
        for (Finding f : findings) {
            String base = f.rule() + (f.scope() == null ? "" : "/" + f.scope()) + (f.subject() == null ? "" : "@" + f.subject());
            String key = base;
            // A vendor may be named "X#2": never hand out a key twice.
            for (int n = 2; !taken.add(key); n++) key = base + "#" + n;
            keys.put(f, key);
        }
        return keys;
    }
}
