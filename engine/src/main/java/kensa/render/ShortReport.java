package kensa.render;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kensa.assess.Assessment;
import kensa.assess.Priorities;
import kensa.rulebase.Finding;
import kensa.rulebase.Severity;
import kensa.rulebase.Status;
import kensa.rulebase.Text;

/**
 * What a clinic acts on, for the short report, serve's result page and the line {@code kensa assess} prints: one
 * headline, the gaps to close (すること, most urgent first) and the questions to answer (確かめること), each question
 * once with the devices or vendors it is asked about, not once per device. Only presentation: the verdicts are the
 * assessment's.
 *
 * @param headline 対応が必要 N 件(うち緊急 M 件)・確認が必要 K 件
 * @param toDo     not met: what to do, why, by when
 * @param toCheck  unanswered, grouped by question
 */
public record ShortReport(String headline, int toDoCount, int urgentCount, int toCheckCount, List<Task> toDo,
                          List<Question> toCheck) {

    /** One gap to close. @param why the facts that show it */
    public record Task(Severity severity, String what, String why, LocalDate due, boolean overdue) {}

    /**
     * One question, asked about each of its subjects.
     *
     * @param topic    what is asked, without any one device's or vendor's name
     * @param subjects the devices or vendors it is asked about, in order (none for the facility as a whole)
     * @param rules    the rules that ask it (for a template to choose among questions; never printed)
     */
    public record Question(Severity severity, String topic, List<String> subjects, List<String> rules) {}

    public static ShortReport of(Assessment assessment) {
        List<Task> toDo = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Priorities.RankedGap gap : Priorities.ranked(assessment)) {
            Finding f = gap.finding();
            if (f.status() == Status.NOT_MET) {
                String what = f.remediation() == null ? f.evidence() : f.remediation();
                toDo.add(new Task(f.severity(), what, f.remediation() == null ? null : f.evidence(), gap.due(), gap.overdue()));
            } else {
                Asked asked = Asked.of(f);
                groups.computeIfAbsent(asked.topic, k -> new Group()).add(asked);
            }
        }
        List<Question> toCheck = groups.values().stream().map(Group::question).toList();
        int urgent = (int) toDo.stream().filter(t -> t.severity() == Severity.CRITICAL).count();
        String headline = "対応が必要 " + toDo.size() + " 件(うち緊急 " + urgent + " 件)・確認が必要 " + toCheck.size() + " 件";
        return new ShortReport(headline, toDo.size(), urgent, toCheck.size(), toDo, toCheck);
    }

    /** Particles that join a leading 「name」 to the rest of a sentence, longest first. */
    private static final List<String> PARTICLES = List.of("との", "から", "で、", "に、", "の", "で", "に", "が", "は", "と");
    private static final String ANSWER_SUFFIX = ": 未回答";

    /** An unanswered finding as a question: about whom, and what is asked. */
    private record Asked(Finding finding, String subject, String topic) {
        static Asked of(Finding f) {
            boolean vendor = f.subject() != null;
            String subject = vendor ? f.subject() : leadingName(f.evidenceText());
            String topic = f.evidence().endsWith(ANSWER_SUFFIX)
                    ? f.evidence().substring(0, f.evidence().length() - ANSWER_SUFFIX.length()) : f.evidence();
            if (subject != null) topic = withoutName(topic, "「" + subject + "」", vendor ? "事業者" : "機器");
            return new Asked(f, subject, topic);
        }
    }

    /** The findings that ask one question. */
    private static final class Group {
        final List<Asked> asked = new ArrayList<>();

        void add(Asked a) { asked.add(a); }

        Question question() {
            Set<String> subjects = new LinkedHashSet<>();
            Set<String> rules = new LinkedHashSet<>();
            for (Asked a : asked) {
                if (a.subject != null) subjects.add(a.subject);
                rules.add(a.finding.rule());
            }
            return new Question(asked.get(0).finding.severity(), asked.get(0).topic, List.copyOf(subjects), List.copyOf(rules));
        }
    }

    /**
     * The name a finding's sentence starts with in 「」 (a device's, in the rules' wording: 「${device}」の…), or null: the
     * value itself, so a name with brackets of its own is still one name.
     */
    static String leadingName(Text evidence) {
        String template = evidence.template();
        int end = template.indexOf("}」");
        if (evidence.isLiteral() || !template.startsWith("「${") || end < 0) return null;
        String name = template.substring(3, end);
        for (int i = 0; i < evidence.valueCount(); i++) {
            if (evidence.valueName(i).equals(name)) return evidence.value(i) instanceof String value ? value : null;
        }
        return null;
    }

    /** The sentence without its subject: dropped with its particle at the start, else named as everyone it is about. */
    private static String withoutName(String text, String quoted, String everyone) {
        if (!text.startsWith(quoted)) return text.replace(quoted, everyone);
        String rest = text.substring(quoted.length());
        for (String p : PARTICLES) {
            if (rest.startsWith(p) && rest.length() > p.length()) return rest.substring(p.length());
        }
        return rest;
    }
}
