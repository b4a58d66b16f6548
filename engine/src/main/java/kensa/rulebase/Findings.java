package kensa.rulebase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Drools;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.rule.Match;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The rules' only output: they report findings here (a DRL global) and never aggregate.
 * The rule id is the part of the DRL rule name before the first ':'.
 * {@code findings.about(vendorName)} reports findings that also belong on that vendor's own form.
 */
public final class Findings {
    private final Rules rules;
    private final List<Finding> list;
    /** The rule match that reported each finding, at the same index; null once {@linkplain #undo taken back}. */
    private final List<Match> matches;
    private final String subject;

    public Findings(Rules rules) {
        this(rules, new ArrayList<>(), new ArrayList<>(), null);
    }

    private Findings(Rules rules, List<Finding> list, List<Match> matches, String subject) {
        this.rules = rules;
        this.list = list;
        this.matches = matches;
        this.subject = subject;
    }

    /** The same findings, reported about one subject (a vendor's name). */
    public Findings about(String subject) {
        return new Findings(rules, list, matches, subject);
    }

    // Each text is a template (see Text) with its values given after it as name, value pairs: the values are the
    // finding's data, kept apart from its sentence, which is formatted only when a person reads it.

    public void met(RuleContext rule, String scope, String evidence, Object... values) {
        add(rule, scope, Status.MET, Text.shared(evidence, values), null);
    }

    public void notMet(RuleContext rule, String scope, String evidence, String remediation, Object... values) {
        add(rule, scope, Status.NOT_MET, Text.shared(evidence, values), text(remediation, values));
    }

    public void unanswered(RuleContext rule, String scope, String evidence, String remediation, Object... values) {
        add(rule, scope, Status.UNANSWERED, Text.shared(evidence, values), text(remediation, values));
    }

    /** Not done where it is only recommended (or not yet required, e.g. before a reference date): 推奨, never a gap. */
    public void recommended(RuleContext rule, String scope, String evidence, String remediation, Object... values) {
        add(rule, scope, Status.RECOMMENDED, Text.shared(evidence, values), text(remediation, values));
    }

    public void notApplicable(RuleContext rule, String scope, String evidence, Object... values) {
        add(rule, scope, Status.NOT_APPLICABLE, Text.shared(evidence, values), null);
    }

    /** A finding whose evidence a derived fact stated (with values of its own). */
    public void notApplicable(RuleContext rule, String scope, Text evidence) {
        add(rule, scope, Status.NOT_APPLICABLE, evidence, null);
    }

    public void met(RuleContext rule, String scope, Text evidence) {
        add(rule, scope, Status.MET, evidence, null);
    }

    /**
     * The common case of a yes/no fact: true is met, false is not met, null (unanswered) asks for an answer.
     *
     * @param statement the fact as a statement that should be true, e.g. 「${device}」にパッチを適用している
     */
    public void answer(RuleContext rule, String scope, Boolean answer, String statement, String remediation, Object... values) {
        // Bounded: a consultant's old-style rule pastes names into its statement, a new one for every device.
        Answers texts = ANSWERS.size() < 10_000 ? ANSWERS.computeIfAbsent(statement, Answers::new) : new Answers(statement);
        if (answer == null) {
            unanswered(rule, scope, texts.unanswered, texts.ask, values);
        } else if (answer) {
            met(rule, scope, texts.yes, values);
        } else {
            notMet(rule, scope, texts.no, remediation, values);
        }
    }

    /** The templates a statement's answers read as, made once per statement (a batch compares and hashes them often). */
    private static final class Answers {
        final String yes, no, unanswered, ask;

        Answers(String statement) {
            yes = statement + ": はい";
            no = statement + ": いいえ";
            unanswered = statement + ": 未回答";
            ask = "「" + statement + "」か確認して回答してください。";
        }
    }

    private static final Map<String, Answers> ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();

    // Rules precompiled at build time (the executable model) see `drools` as a Drools, which is also a RuleContext.
    public void met(Drools rule, String scope, String evidence, Object... values) { met((RuleContext) rule, scope, evidence, values); }
    public void met(Drools rule, String scope, Text evidence) { met((RuleContext) rule, scope, evidence); }
    public void notMet(Drools rule, String scope, String evidence, String remediation, Object... values) {
        notMet((RuleContext) rule, scope, evidence, remediation, values);
    }
    public void unanswered(Drools rule, String scope, String evidence, String remediation, Object... values) {
        unanswered((RuleContext) rule, scope, evidence, remediation, values);
    }
    public void recommended(Drools rule, String scope, String evidence, String remediation, Object... values) {
        recommended((RuleContext) rule, scope, evidence, remediation, values);
    }
    public void notApplicable(Drools rule, String scope, String evidence, Object... values) {
        notApplicable((RuleContext) rule, scope, evidence, values);
    }
    public void notApplicable(Drools rule, String scope, Text evidence) { notApplicable((RuleContext) rule, scope, evidence); }
    public void answer(Drools rule, String scope, Boolean answer, String statement, String remediation, Object... values) {
        answer((RuleContext) rule, scope, answer, statement, remediation, values);
    }

    private static Text text(String template, Object[] values) {
        return template == null ? null : Text.shared(template, values);
    }

    private void add(RuleContext rule, String scope, Status status, Text evidence, Text remediation) {
        Declared declared = rules.declared.get(rule.getRule());
        if (declared == null) declared = new Declared(rule.getRule());
        list.add(new Finding(declared.ruleId, scope, subject, status, declared.severity, evidence, remediation));
        matches.add(rule.getMatch());
    }

    /** What a DRL rule declares of every finding it reports: its id and its id's severity. */
    private record Declared(String ruleId, Severity severity) {
        Declared(Rule rule) {
            this(Findings.ruleId(rule.getName()), severityOf(rule));
        }
    }

    /** The severity a rule states itself (a consultant's rule may), else null. */
    static Severity severityOf(Rule rule) {
        return Severity.ofCode(rule.getMetaData().get("severity"));
    }

    /**
     * The severity of each rule id: stated once, on the first rule of its DRL file, it holds for all the id's rules
     * (the highest, should several rules of an id state one).
     */
    public static Map<String, Severity> severities(Collection<? extends Rule> rules) {
        Map<String, Severity> byId = new HashMap<>();
        for (Rule r : rules) {
            Severity s = severityOf(r);
            if (s != null) byId.merge(ruleId(r.getName()), s, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return byId;
    }

    /** What each rule of a rule base declares, read once for every finding of every run rather than per finding. */
    public static final class Rules {
        private final Map<Rule, Declared> declared = new IdentityHashMap<>();

        public Rules(Collection<? extends Rule> rules) {
            Map<String, Severity> severities = severities(rules);
            for (Rule r : rules) {
                Severity own = severityOf(r);
                declared.put(r, new Declared(ruleId(r.getName()), own != null ? own : severities.get(ruleId(r.getName()))));
            }
        }
    }

    /**
     * Takes back what a match reported: a fact it matched was deleted, or changed what it matched (an accumulate over
     * an inserted fact), so it no longer holds as it did when it fired. A match that still holds fires again.
     */
    public void undo(Match match) {
        for (int i = 0; i < matches.size(); i++) if (matches.get(i) == match) matches.set(i, null);
    }

    /** The findings not taken back. */
    public List<Finding> holding() {
        List<Finding> holding = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) if (matches.get(i) != null) holding.add(list.get(i));
        return holding;
    }

    public static String ruleId(String ruleName) {
        int colon = ruleName.indexOf(':');
        return (colon < 0 ? ruleName : ruleName.substring(0, colon)).trim();
    }

    public List<Finding> list() { return list; }
}
