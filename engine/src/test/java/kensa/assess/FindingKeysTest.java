package kensa.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kensa.rulebase.Finding;
import kensa.rulebase.Status;
import org.junit.jupiter.api.Test;

class FindingKeysTest {
    private static Finding finding(String rule, String scope, String subject, Status status, String evidence) {
        return new Finding(rule, scope, subject, status, null, evidence, null);
    }

    @Test
    void aKeyIsRuleScopeAndSubjectNumberedFromTheSecondInTheStableOrder() {
        Finding a = finding("patch", "server", null, Status.NOT_MET, "b");
        Finding b = finding("patch", "server", null, Status.NOT_MET, "a");
        Finding c = finding("patch", null, "ベンダーA", Status.MET, "x");
        Finding d = finding("log", null, null, Status.MET, "y");
        // The order given does not matter: "a" comes before "b" in the stable order, whatever the list.
        assertEquals(List.of("patch|server#2", "patch|server", "patch||ベンダーA", "log"), FindingKeys.of(List.of(a, b, c, d)));
        assertEquals(List.of("log", "patch|server", "patch|server#2"), FindingKeys.of(List.of(d, b, a)));
    }

    @Test
    void aSubjectCannotForgeAnotherFindingsKey() {
        Finding plain = finding("r", null, "A", Status.MET, "1");
        Finding second = finding("r", null, "A", Status.MET, "2");
        Finding forged = finding("r", null, "A#2", Status.MET, "3");
        Finding piped = finding("r", "s|t", "100%", Status.MET, "4");
        assertEquals(List.of("r||A", "r||A#2", "r||A%232", "r|s%7Ct|100%25"), FindingKeys.of(List.of(plain, second, forged, piped)));
    }
}
