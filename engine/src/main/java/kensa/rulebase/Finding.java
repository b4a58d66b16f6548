package kensa.rulebase;


/**
 * What one rule concluded about one thing: the facts that decided it, and what to do.
 *
 * @param scope   the form column it belongs to (e.g. server), or null when the item has none
 * @param subject  whom a per-vendor form is about (the vendor's name), or null for the facility
 * @param severity how much the gap matters, as the rule declares it
 */
public record Finding(String rule, String scope, String subject, Status status, Severity severity, Text evidenceText,
                      Text remediationText) {

    /** A finding whose texts are sentences as they are (the engine's own findings), never templates. */
    public Finding(String rule, String scope, String subject, Status status, Severity severity, String evidence, String remediation) {
        this(rule, scope, subject, status, severity, Text.literal(evidence), remediation == null ? null : Text.literal(remediation));
    }

    /** What decided it, as a person reads it (formatted on first use). */
    public String evidence() {
        return evidenceText.toString();
    }

    /** What to do, as a person reads it; null when nothing is to be done. */
    public String remediation() {
        return remediationText == null ? null : remediationText.toString();
    }

    /** The evidence of the engine's stand-in for a silent rule (a report or a test can tell it by this). */
    public static final String SILENCE = "このルールは、この欄について何も判定しませんでした(判定に必要な回答がないか、ルールに漏れがあります)。";

    /**
     * What stands in for a rule a cell or requirement names that said nothing about it: 未回答, never 適合. With the
     * bundled rules it never shows (the scenario and example tests fail first); it guards consultants' own rules.
     */
    public static Finding silence(String rule, String scope, String subject) {
        return new Finding(rule, scope, subject, Status.UNANSWERED, null, SILENCE,
                "質問票のこの項目の質問に回答してください。回答してもこの表示が続く場合は、ルール " + rule + " を見直してください。");
    }

    // Written out: findings are map keys in every report, and the generated record methods cost more.
    @Override
    public int hashCode() {
        int h = rule.hashCode();
        h = 31 * h + java.util.Objects.hashCode(scope);
        h = 31 * h + java.util.Objects.hashCode(subject);
        h = 31 * h + status.hashCode();
        h = 31 * h + java.util.Objects.hashCode(severity);
        h = 31 * h + evidenceText.hashCode();
        return 31 * h + java.util.Objects.hashCode(remediationText);
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Finding f && status == f.status && severity == f.severity && rule.equals(f.rule)
                && java.util.Objects.equals(scope, f.scope) && java.util.Objects.equals(subject, f.subject)
                && evidenceText.equals(f.evidenceText) && java.util.Objects.equals(remediationText, f.remediationText);
    }

    /** Whether the engine made this finding because the rule was silent. */
    public boolean isSilence() {
        return status == Status.UNANSWERED && SILENCE.equals(evidenceText.template());
    }
}
