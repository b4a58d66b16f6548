package kensa.assess;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import kensa.catalog.Checklists;
import kensa.catalog.EditionDiff;
import kensa.catalog.Guidelines;
import kensa.catalog.Selection;
import kensa.checklist.Checklist;
import kensa.checklist.Gate;
import kensa.checklist.GuidelineRef;
import kensa.checklist.Scope;
import kensa.facts.DeclaredAnswer;
import kensa.facts.DeclaredAnswers;
import kensa.facts.Facility;
import kensa.facts.Vendor;
import kensa.guideline.Guideline;
import kensa.guideline.Requirement;
import kensa.rulebase.AssessmentDate;
import kensa.rulebase.Finding;
import kensa.rulebase.Parameter;
import kensa.rulebase.RuleBase;
import kensa.rulebase.Severity;
import kensa.rulebase.Status;
import kensa.rulebase.Text;
import kensa.xml.InputError;
import org.glassfish.jaxb.core.Locatable;

/**
 * Runs the rules over one facility and fills a checklist form (and each vendor's form) and the
 * guideline's requirements from their findings. This is the one place where findings are aggregated:
 * per cell and per requirement, by {@link Status#combine}, and where a declared answer stands in for
 * missing facts.
 */
public final class Assessor {
    public static final String FACTS = "facts";
    public static final String DECLARATION = "declaration";

    private final RuleBase rules;
    private final Checklists catalog;
    private final FactGraph facts = new FactGraph(Facility.class);

    public Assessor(RuleBase rules, Checklists catalog) {
        this.rules = rules;
        this.catalog = catalog;
    }

    /**
     * What every rule found about the facility under these edition parameters, as of a date (null: no
     * date rule can decide), before any form is filled.
     */
    public List<Finding> findings(Facility facility, List<Parameter> parameters, LocalDate asOf) {
        return findingsByEdition(facility, List.of(parameters), asOf).get(parameters);
    }

    /** The names of the DRL rules that fire for the facility under these parameters (see {@link RuleBase#firing}). */
    public Set<String> firing(Facility facility, List<Parameter> parameters, LocalDate asOf) {
        List<Object> all = facts.flatten(facility);
        if (asOf != null) all.add(new AssessmentDate(asOf));
        return rules.firing(all, parameters);
    }

    /** {@link #findings} under each edition's parameters, from one rule session: only the rules reading them run again. */
    public Map<List<Parameter>, List<Finding>> findingsByEdition(Facility facility, List<List<Parameter>> editions, LocalDate asOf) {
        List<List<Parameter>> distinct = editions.stream().distinct().toList();
        List<Object> all = facts.flatten(facility);
        if (asOf != null) all.add(new AssessmentDate(asOf));
        List<List<Finding>> found = rules.run(all, distinct);
        Map<List<Parameter>, List<Finding>> byEdition = new HashMap<>();
        for (int i = 0; i < distinct.size(); i++) byEdition.put(distinct.get(i), found.get(i));
        return byEdition;
    }

    /** Against what the plan chose: its form, the vendors' form, the guideline edition, on its date. */
    public Assessment assess(Facility facility, Path file, Plan plan) throws InputError {
        Selection selection = plan.form();
        Guidelines.Selection guideline = plan.guideline();
        LocalDate asOf = plan.date();
        Checklist form = selection.form();
        Optional<Checklist> vendorForm = facility.getVendors() == null ? Optional.empty() : Optional.ofNullable(plan.vendorForm());
        List<List<Parameter>> editions = new ArrayList<>(List.of(parameters(form)));
        vendorForm.ifPresent(vf -> editions.add(parameters(vf)));
        if (guideline != null) editions.add(parameters(guideline.guideline()));
        Map<List<Parameter>, List<Finding>> runs = findingsByEdition(facility, editions, asOf);
        List<Finding> findings = runs.get(parameters(form));
        ByRule formFindings = new ByRule(findings);
        List<Assessment.UnusedDeclaration> unused = new ArrayList<>();
        Filled main = fill(form, selection.reason(), selection.inForce(), formFindings, null,
                declared(facility.getDeclaredAnswers(), form, null, unused), asOf, file);

        List<Assessment.VendorForm> vendorForms = new ArrayList<>();
        boolean open = main.gate == null || main.gate.status() != Status.NOT_MET;
        if (open && vendorForm.isPresent()) {
            Checklist vf = vendorForm.get();
            ByRule vendorFindings = parameters(vf).equals(parameters(form)) ? formFindings : new ByRule(runs.get(parameters(vf)));
            for (Vendor vendor : facility.getVendors().getVendor()) {
                List<DeclaredAnswers> returned = vendor.getDeclaredAnswers();
                Filled filled = fill(vf, selection.reason(), plan.vendorInForce(), vendorFindings, vendor.getName(),
                        declared(returned, vf, vendor.getName(), unused), asOf, file);
                LocalDate receivedOn = returned.stream().filter(d -> d.getChecklist().equals(vf.getId()))
                        .map(DeclaredAnswers::getReceivedOn).filter(Objects::nonNull).findFirst().orElse(null);
                vendorForms.add(new Assessment.VendorForm(vendor.getName(), vendor.getSystem(), receivedOn,
                        filled.checklist, filled.counts, filled.sections));
            }
        }
        for (DeclaredAnswers d : facility.getDeclaredAnswers()) {
            if (!d.getChecklist().equals(form.getId())) unused.add(new Assessment.UnusedDeclaration(d.getChecklist(), null));
        }

        Assessment.Guideline applied = null;
        if (guideline != null) {
            Finding closedByGate = main.gate != null && main.gate.status() == Status.NOT_MET ? closedBy(form.getGate()) : null;
            // Closed by the gate, no requirement reads a finding.
            List<Parameter> gp = parameters(guideline.guideline());
            ByRule guidelineFindings = closedByGate != null || gp.equals(parameters(form)) ? formFindings : new ByRule(runs.get(gp));
            applied = guideline(guideline, guidelineFindings, closedByGate);
        }
        return Assessment.of(
                new Assessment.Facility(facility.getName(), facility.getFacilityType().value(),
                        facility.getLicensedBeds(), String.valueOf(file.getFileName())),
                asOf, Priorities.summarise(main.checklist, main.sections, vendorForms, applied, asOf),
                main.checklist, main.counts, main.gate, main.sections, vendorForms, applied, unused, extraRules(findings));
    }

    /**
     * What the rules from extra folders ({@code assess --rules}) found, by rule id: shown whether or not a form or
     * requirement names the id (only one that does decides a cell).
     */
    private Map<String, List<Finding>> extraRules(List<Finding> findings) {
        Map<String, List<Finding>> byRule = new TreeMap<>();
        Comparator<String> text = Comparator.nullsFirst(Comparator.naturalOrder());
        findings.stream().filter(f -> rules.extraRuleIds().contains(f.rule()))
                .sorted(Comparator.comparing(Finding::subject, text).thenComparing(Finding::scope, text)
                        .thenComparing(Finding::status).thenComparing(Finding::evidence, text))
                .forEach(f -> byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f));
        return byRule;
    }

    /**
     * Each requirement decided by its rules (all their findings, every scope and subject), or left to its question.
     * A volume deemed complied with through another (みなし遵守) is so only when its rule is met and that other volume is
     * complied with: assessed, and none of its requirements not met or unanswered. So the volumes it is deemed through
     * are assessed first.
     */
    private static Assessment.Guideline guideline(Guidelines.Selection selection, ByRule byRule, Finding closedByGate) {
        Guideline g = selection.guideline();
        List<kensa.guideline.Volume> all = g.getVolume();
        Map<String, String> titles = all.stream().collect(Collectors.toMap(kensa.guideline.Volume::getKey, kensa.guideline.Volume::getTitle));
        Map<String, Assessment.Volume> assessed = new HashMap<>();
        Tally tally = new Tally();
        for (kensa.guideline.Volume v : all) {
            if (v.getDeemedWhen() == null) assessed.put(v.getKey(), volume(v, condition(v, byRule, titles, null), byRule, closedByGate, tally));
        }
        for (kensa.guideline.Volume v : all) {
            if (v.getDeemedWhen() != null) {
                Assessment.Volume through = assessed.get(v.getDeemedThrough());
                assessed.put(v.getKey(), volume(v, condition(v, byRule, titles, through), byRule, closedByGate, tally));
            }
        }
        List<Assessment.Volume> volumes = all.stream().map(v -> assessed.get(v.getKey())).toList();
        Function<Status, Integer> n = s -> tally.counts.getOrDefault(s, 0);
        int automated = tally.counts.values().stream().mapToInt(Integer::intValue).sum();
        return new Assessment.Guideline(g.getId(), g.getTitle(), g.getEdition(), g.getPublished(), selection.reason(),
                new Assessment.GuidelineCounts(automated, n.apply(Status.MET), n.apply(Status.NOT_MET),
                        n.apply(Status.UNANSWERED), n.apply(Status.NOT_APPLICABLE), tally.manual, n.apply(Status.RECOMMENDED)),
                volumes);
    }

    /** Requirements by verdict, and those left to a question, over every volume. */
    private static final class Tally {
        final Map<Status, Integer> counts = new HashMap<>();
        int manual;
    }

    private static Assessment.Volume volume(kensa.guideline.Volume v, Assessment.Condition condition, ByRule byRule,
                                            Finding closedByGate, Tally tally) {
        // Not assessed one by one: no medical information system, a volume that does not apply, or one deemed complied with.
        List<Finding> closedBy = closedByGate != null ? List.of(closedByGate)
                : condition == null || condition.holds() == condition.kind().equals(APPLIES_WHEN) ? null
                : byRule.of(List.of(condition.rule()), null, null).stream()
                        .map(f -> new Finding(condition.rule(), null, null, Status.NOT_APPLICABLE, null, f.evidenceText(), null)).toList();
        List<Assessment.Requirement> requirements = new ArrayList<>();
        for (Requirement r : v.getRequirement()) {
            if (r.getBackground() != null || (r.getManual() != null && closedBy != null)) continue;
            boolean onlyRecommended = r.getStrength() == kensa.guideline.Strength.RECOMMENDED;
            if (r.getManual() != null) {
                tally.manual++;
                // The question says what to check; the requirement's wording would only repeat it.
                requirements.add(new Assessment.Requirement(r.getKey(), r.getNumber(), null, null, null,
                        r.getManual(), onlyRecommended ? Boolean.TRUE : null, List.of()));
                continue;
            }
            List<Finding> mine = closedBy != null ? closedBy : byRule.of(r.getRule(), null, null);
            Status status = closedBy != null ? Status.NOT_APPLICABLE : Status.combine(statuses(mine));
            // A requirement keeps the findings that explain its verdict: the failing ones for a gap, else all of them
            // (what made it met), or the reason it was not assessed.
            List<Finding> explaining = closedBy != null ? closedBy : mine;
            Severity severity = null;
            if (status == Status.NOT_MET && onlyRecommended) {
                // What the source only recommends is advice: not done is 推奨, never 不適合, and its findings say so.
                status = Status.RECOMMENDED;
                explaining = new ArrayList<>();
                for (Finding f : mine) {
                    explaining.add(f.status() != Status.NOT_MET ? f : new Finding(f.rule(), f.scope(), f.subject(),
                            Status.RECOMMENDED, f.severity(), f.evidenceText(), f.remediationText()));
                }
            } else if (status.isGap()) {
                explaining = new ArrayList<>();
                for (Finding f : mine) {
                    if (!f.status().isGap()) continue;
                    explaining.add(f);
                    if (f.severity() != null && (severity == null || f.severity().compareTo(severity) < 0)) severity = f.severity();
                }
            }
            tally.counts.merge(status, 1, Integer::sum);
            requirements.add(new Assessment.Requirement(r.getKey(), r.getNumber(), r.getText(), status, severity, null,
                    onlyRecommended ? Boolean.TRUE : null, explaining));
        }
        return new Assessment.Volume(v.getKey(), v.getTitle(), closedByGate != null ? null : condition, requirements);
    }

    static final String APPLIES_WHEN = "applies_when";
    static final String DEEMED_WHEN = "deemed_when";

    /**
     * A volume's condition decided by its rule's findings: it holds only when the rule is met, and for みなし遵守 only
     * when the volume it is deemed through is complied with too (that volume assessed, none of its requirements open).
     */
    private static Assessment.Condition condition(kensa.guideline.Volume v, ByRule byRule, Map<String, String> titles,
                                                  Assessment.Volume through) {
        String rule = v.getAppliesWhen() != null ? v.getAppliesWhen() : v.getDeemedWhen();
        if (rule == null) return null;
        List<Finding> mine = byRule.of(List.of(rule), null, null);
        Status status = Status.combine(mine.stream().map(Finding::status).toList());
        List<String> evidence = mine.stream().map(Finding::evidence).toList();
        if (v.getAppliesWhen() != null) return new Assessment.Condition(APPLIES_WHEN, rule, status == Status.MET, status, null, null, evidence);
        Integer throughOpen = null;
        if (status == Status.MET) {
            throughOpen = 0;
            if (through != null) {
                for (Assessment.Requirement r : through.requirements()) if (r.status() != null && r.status().isGap()) throughOpen++;
            }
        }
        boolean throughComplies = throughOpen != null && throughOpen == 0 && through != null
                && through.requirements().stream().anyMatch(r -> r.status() != null && r.status() != Status.NOT_APPLICABLE);
        return new Assessment.Condition(DEEMED_WHEN, rule, status == Status.MET && throughComplies, status,
                titles.get(v.getDeemedThrough()), throughOpen, evidence);
    }

    /** The finding every other cell and requirement carries when the opening question is answered いいえ. */
    private static Finding closedBy(Gate gate) {
        return new Finding(gate.getRule(), null, null, Status.NOT_APPLICABLE, null, gate.getNotApplicableReason(), null);
    }

    private record Filled(Assessment.Checklist checklist, Assessment.Counts counts, Assessment.Cell gate,
                          List<Assessment.Section> sections) {}

    private Filled fill(Checklist form, String selectedBy, Checklist inForce, ByRule findings, String subject,
                        Map<String, DeclaredAnswer> declared, LocalDate asOf, Path file) throws InputError {
        FormFacts about = formFacts.computeIfAbsent(form, f -> new FormFacts(form, catalog.previous(form)));
        Optional<Checklist> previous = about.previous;
        LocalDate fiscalYearEnd = LocalDate.of(Checklists.fiscalYear(asOf) + 1, 3, 31);
        // A form of an earlier fiscal year chosen to stand in for the edition of the assessment's year (its items not
        // loaded, or not known yet): what it asks is due within the year in force, never overdue only because the
        // stand-in's year has passed. An earlier edition asked for by name keeps its own deadline.
        boolean standIn = selectedBy.equals(Selection.ITEMS_NOT_LOADED) || selectedBy.equals(Selection.LATEST_AVAILABLE);
        LocalDate dueNoEarlierThan = standIn && form.getFiscalYear() < Checklists.fiscalYear(asOf) ? fiscalYearEnd : null;
        LocalDate formDeadline = later(form.getDeadline(), dueNoEarlierThan);
        Map<String, DeclaredAnswer> unmatched = new LinkedHashMap<>(declared);

        Assessment.Cell gate = null;
        Finding closedByGate = null;
        if (form.getGate() != null) {
            Gate g = form.getGate();
            gate = cell(g.getNumber(), null, null, g.getText(), List.of(g.getRule()), false, findings, subject,
                    unmatched.remove(key(g.getNumber(), null)), null, asOf, fiscalYearEnd);
            if (gate.status() == Status.NOT_MET) closedByGate = closedBy(g);
        }

        List<Assessment.Section> sections = new ArrayList<>();
        for (kensa.checklist.Section s : form.getSection()) {
            List<Assessment.Item> items = new ArrayList<>();
            for (kensa.checklist.Item item : s.getItem()) {
                List<Assessment.Cell> cells = new ArrayList<>();
                for (kensa.checklist.Cell c : item.getCell()) {
                    DeclaredAnswer answer = unmatched.remove(key(item.getNumber(), c.getScope()));
                    String scopeLabel = about.scopeLabels.get(c.getScope());
                    cells.add(closedByGate != null
                            ? new Assessment.Cell(item.getNumber(), c.getScope(), scopeLabel, null, Status.NOT_APPLICABLE,
                                    FACTS, answer == null ? null : answer.getValue().value(), null, null, null, null, asOf, null,
                                    List.of(closedByGate))
                            : cell(item.getNumber(), c.getScope(), scopeLabel, null, c.getRule(), c.getReference(), findings, subject,
                                    answer, c.getDeadline() != null ? later(c.getDeadline(), dueNoEarlierThan) : formDeadline,
                                    asOf, fiscalYearEnd));
                }
                items.add(new Assessment.Item(item.getNumber(), item.getKey(), item.getText(),
                        about.changes.get(item.getKey()), item.getChangeNote(),
                        item.getGuidelineRef().stream().map(GuidelineRef::getValue).toList(), cells));
            }
            sections.add(new Assessment.Section(s.getNumber(), s.getTitle(), s.getOnForm() ? null : Boolean.FALSE, items));
        }
        if (!unmatched.isEmpty()) throw noSuchCell(file, form, unmatched.values().iterator().next());

        Assessment.Checklist checklist = new Assessment.Checklist(form.getId(), form.getTitle(), form.getEdition(),
                Checklists.code(form), form.getForm(), form.getFiscalYear(), formDeadline, selectedBy,
                previous.map(Checklist::getEdition).orElse(null),
                inForce == null ? null : new Assessment.InForce(inForce.getId(), inForce.getTitle(), inForce.getEdition(),
                        inForce.getForm(), Checklists.issued(inForce)));
        return new Filled(checklist, count(sections), gate, sections);
    }

    /**
     * The findings of the cell's rules in its scope, combined; ordered by rule, then status, then text.
     * Facts decide when there are any; a declared answer decides only what the facts leave unanswered.
     */
    private static Assessment.Cell cell(String item, String scope, String scopeLabel, String text, List<String> ruleIds,
                                        boolean reference, ByRule byRule, String subject, DeclaredAnswer declared,
                                        LocalDate deadline, LocalDate asOf, LocalDate fiscalYearEnd) {
        Boolean declaredYes = declared == null ? null : declared.getValue().value().equals("はい");
        // A cell no rule decides (one only its filler can answer, such as a vendor's) is decided by what is written on it.
        List<Finding> mine = !ruleIds.isEmpty() ? byRule.of(ruleIds, scope, subject) : List.of(declarationOnly(scope, subject, declaredYes));
        Status facts = ruleIds.isEmpty() ? Status.UNANSWERED : Status.combine(statuses(mine));
        Status status = facts;
        String basis = FACTS;
        Boolean contradiction = null;
        if (facts == Status.UNANSWERED && declaredYes != null) {
            status = declaredYes ? Status.MET : Status.NOT_MET;
            basis = DECLARATION;
        } else if (facts == Status.UNANSWERED) {
            basis = null;
        } else if (declaredYes != null && (declaredYes ? facts == Status.NOT_MET : facts == Status.MET)) {
            contradiction = true;
        }
        LocalDate due = status.isGap() ? deadline : null;
        Boolean overdue = due == null ? null : asOf.isAfter(due);
        LocalDate checkedOn = basis == null ? null
                : basis.equals(DECLARATION) && declared.getCheckedOn() != null ? declared.getCheckedOn() : asOf;
        LocalDate target = null;
        if (status == Status.NOT_MET) {
            target = declared != null && declared.getTargetDate() != null ? declared.getTargetDate()
                    : deadline != null && deadline.isAfter(fiscalYearEnd) ? deadline : fiscalYearEnd;
        }
        return new Assessment.Cell(item, scope, scopeLabel, text, status, basis,
                declared == null ? null : declared.getValue().value(), contradiction, reference ? Boolean.TRUE : null,
                due, overdue, checkedOn, target, mine);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** What stands for the facts in a cell that only its filler's own answer decides. */
    private static Finding declarationOnly(String scope, String subject, Boolean declaredYes) {
        Status status = declaredYes == null ? Status.UNANSWERED : declaredYes ? Status.MET : Status.NOT_MET;
        String[] texts = DECLARATION_TEXTS.get(status)[subject == null ? 0 : 1];
        Object[] values = subject == null ? new Object[0] : new Object[] {"vendor", subject};
        return new Finding(DECLARATION, scope, subject, status, null, Text.of(texts[0], values),
                texts[1] == null ? null : Text.of(texts[1], values));
    }

    /** Evidence and remediation of a declaration-only cell by answer, for the facility's own form and for a vendor's. */
    private static final Map<Status, String[][]> DECLARATION_TEXTS = Map.of(
            Status.UNANSWERED, new String[][] {
                    {"この項目は施設が様式に記入して答える項目で、記入がない", "様式のこの項目に「はい」か「いいえ」を記入してください。"},
                    {"この項目は「${vendor}」が様式に記入して答える項目で、記入がない", "「${vendor}」に様式を渡し、この項目に記入して返してもらってください。"}},
            Status.MET, new String[][] {
                    {"施設が様式に「はい」と記入している", null},
                    {"「${vendor}」が様式に「はい」と記入している", null}},
            Status.NOT_MET, new String[][] {
                    {"施設が様式に「いいえ」と記入している", "施設に、いいえの理由と対応の予定(目標日)を確認してください。"},
                    {"「${vendor}」が様式に「いいえ」と記入している", "「${vendor}」に、いいえの理由と対応の予定(目標日)を確認してください。"}});

    private static Set<Status> statuses(List<Finding> findings) {
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (Finding f : findings) statuses.add(f.status());
        return statuses;
    }

    /** One rule run's findings by rule id, each rule's sorted once by status, then evidence. */
    private static final class ByRule {
        private final Map<String, List<Finding>> byRule = new HashMap<>();

        ByRule(List<Finding> findings) {
            for (Finding f : findings) byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
            for (List<Finding> mine : byRule.values()) if (mine.size() > 1) mine.sort(ByRule::order);
        }

        /** A total order, so that the order the rules fired in never shows. */
        private static int order(Finding a, Finding b) {
            int c = a.status().compareTo(b.status());
            if (c == 0) c = a.evidence().compareTo(b.evidence());
            if (c == 0) c = Nulls.first(a.scope(), b.scope());
            if (c == 0) c = Nulls.first(a.subject(), b.subject());
            if (c == 0) c = Nulls.first(a.remediation(), b.remediation());
            return c;
        }

        /**
         * The findings of these rules in the scope and about the subject (null: any): in the rules' order, then by status,
         * then by evidence. A rule that said nothing there is a {@linkplain Finding#silence silence}: every rule a cell or
         * requirement names must speak for it, so one left silent makes it 未回答, never 適合.
         */
        List<Finding> of(List<String> ruleIds, String scope, String subject) {
            List<Finding> found = new ArrayList<>();
            for (String id : ruleIds) {
                int before = found.size();
                for (Finding f : byRule.getOrDefault(id, List.of())) {
                    if ((scope == null || f.scope() == null || scope.equals(f.scope()))
                            && (subject == null || f.subject() == null || subject.equals(f.subject()))) found.add(f);
                }
                if (found.size() == before) found.add(Finding.silence(id, scope, subject));
            }
            return found;
        }
    }

    /** What filling a form needs besides the findings, worked out once per form: it is the same for every facility. */
    private static final class FormFacts {
        final Optional<Checklist> previous;
        final Map<String, String> scopeLabels;
        /** Each item's change since the previous edition (absent when unchanged or there is none). */
        final Map<String, String> changes = new HashMap<>();

        FormFacts(Checklist form, Optional<Checklist> previous) {
            this.previous = previous;
            this.scopeLabels = form.getScope().stream().collect(Collectors.toMap(Scope::getCode, Scope::getLabel));
            Map<String, kensa.checklist.Item> previousItems = previous.map(p -> p.getSection().stream()
                    .flatMap(s -> s.getItem().stream())
                    .collect(Collectors.toMap(kensa.checklist.Item::getKey, i -> i))).orElse(Map.of());
            if (previous.isEmpty()) return;
            for (kensa.checklist.Section s : form.getSection()) {
                for (kensa.checklist.Item item : s.getItem()) {
                    String change = EditionDiff.change(item, previousItems.get(item.getKey()));
                    if (change != null) changes.put(item.getKey(), change);
                }
            }
        }
    }

    private final Map<Checklist, FormFacts> formFacts = new java.util.concurrent.ConcurrentHashMap<>();

    /** An edition's parameters as facts, made once per edition (they are read for every facility). */
    private final Map<Object, List<Parameter>> parameters = new java.util.concurrent.ConcurrentHashMap<>();

    private List<Parameter> parameters(Checklist form) {
        return parameters.computeIfAbsent(form, f -> form.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList());
    }

    private List<Parameter> parameters(Guideline guideline) {
        return parameters.computeIfAbsent(guideline, g -> guideline.getParameter().stream().map(p -> new Parameter(p.getName(), p.getValue())).toList());
    }

    /** The answers declared on this form (by the facility, or returned by one vendor), keyed by cell. */
    private static Map<String, DeclaredAnswer> declared(List<DeclaredAnswers> all, Checklist form, String vendor,
                                                        List<Assessment.UnusedDeclaration> unused) {
        Map<String, DeclaredAnswer> byCell = new HashMap<>();
        for (DeclaredAnswers d : all) {
            if (!d.getChecklist().equals(form.getId())) {
                if (vendor != null) unused.add(new Assessment.UnusedDeclaration(d.getChecklist(), vendor));
                continue;
            }
            for (DeclaredAnswer a : d.getAnswer()) {
                byCell.put(key(a.getItem(), a.getScope() == null ? null : a.getScope().value()), a);
            }
        }
        return byCell;
    }

    private static String key(String item, String scope) {
        return item + "\u0000" + (scope == null ? "" : scope);
    }

    private static InputError noSuchCell(Path file, Checklist form, DeclaredAnswer answer) {
        String cell = answer.getItem() + (answer.getScope() == null ? "" : "(scope=\"" + answer.getScope().value() + "\")");
        String cells = form.getSection().stream().flatMap(s -> s.getItem().stream())
                .flatMap(i -> i.getCell().stream().map(c -> i.getNumber() + (c.getScope() == null ? "" : " scope=" + c.getScope())))
                .collect(Collectors.joining("、"));
        var where = ((Locatable) answer).sourceLocation();
        return new InputError(file, where == null ? -1 : where.getLineNumber(), where == null ? -1 : where.getColumnNumber(),
                "申告された回答の欄 " + cell + " は " + form.getEdition() + " " + form.getForm() + "(" + form.getId() + ")にありません。",
                "項目番号と scope をこの様式のものに直してください。欄は: " + (form.getGate() == null ? "" : form.getGate().getNumber() + "、") + cells);
    }

    private static Assessment.Counts count(List<Assessment.Section> sections) {
        int[] by = new int[Status.values().length];
        int total = 0;
        for (Assessment.Section s : sections) {
            for (Assessment.Item i : s.items()) {
                for (Assessment.Cell c : i.cells()) {
                    by[c.status().ordinal()]++;
                    total++;
                }
            }
        }
        return new Assessment.Counts(total, by[Status.MET.ordinal()], by[Status.NOT_MET.ordinal()],
                by[Status.UNANSWERED.ordinal()], by[Status.NOT_APPLICABLE.ordinal()], by[Status.RECOMMENDED.ordinal()]);
    }
}
