package kensa.assess;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.catalog.Selection;
import kensa.checklist.Checklist;
import kensa.facts.Facility;
import kensa.xml.InputError;

/**
 * What one facility is assessed against, and why: the assessment date, the checklist form, the vendors' 事業者確認用
 * form and the guideline edition. {@link Chooser} is the only place these are chosen; the CLI, compare, serve and the
 * tests all ask it.
 *
 * @param dateFrom        {@link #DATE_REQUESTED} (--as-of) or {@link #DATE_IN_FILE} (the file's assessmentDate)
 * @param vendorForm      the 事業者確認用 of the form's edition (filled for each vendor the facility lists), or null
 * @param vendorInForce   with a stand-in form (items not loaded): the 事業者確認用 of the date's fiscal year; otherwise null
 * @param guideline       the guideline edition applied, or null when none is loaded
 */
public record Plan(LocalDate date, String dateFrom, Selection form, Checklist vendorForm, Checklist vendorInForce,
                   Guidelines.Selection guideline) {

    public static final String DATE_REQUESTED = "requested";
    public static final String DATE_IN_FILE = "file";

    /**
     * What the user asked for; null for each: chosen by the date.
     *
     * @param edition   a checklist edition as users write it (see Checklists.fiscalYearOf); the form follows the facility type
     * @param checklist a form id (r6-medical); wins over {@code edition}
     * @param guideline a guideline edition as users write it (see Guidelines.byName)
     */
    public record Request(LocalDate asOf, String edition, String checklist, String guideline) {
        public static final Request NONE = new Request(null, null, null, null);
    }

    /**
     * A request that names an edition kensa does not know: a usage error, found before any file is read.
     *
     * @see #field() which part of the request (edition, checklist or guideline), for the caller to name its option
     */
    public static final class BadRequest extends IllegalArgumentException {
        private final String field;

        BadRequest(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /** Chooses plans for one request. */
    public static final class Chooser {
        private final Checklists checklists;
        private final Guidelines guidelines;
        private final Request request;
        private final Checklist requestedForm;
        private final Integer requestedYear;
        private final Guidelines.Selection requestedGuideline;

        /** @throws BadRequest when the request names an edition that is not loaded */
        public Chooser(Checklists checklists, Guidelines guidelines, Request request) {
            this.checklists = checklists;
            this.guidelines = guidelines;
            this.request = request;
            String ids = String.join("、", checklists.all().stream().map(Checklist::getId).toList());
            this.requestedForm = request.checklist() == null ? null : checklists.byId(request.checklist())
                    .orElseThrow(() -> new BadRequest("checklist", "様式がありません: " + request.checklist() + "(使えるID: " + ids + ")"));
            this.requestedYear = request.edition() == null ? null : Checklists.fiscalYearOf(request.edition())
                    .orElseThrow(() -> new BadRequest("edition", "チェックリストの版がわかりません: " + request.edition() + "(収録している版: "
                            + String.join("、", checklists.all().stream().map(Checklists::code).distinct().toList()) + ")"));
            this.requestedGuideline = request.guideline() == null ? null : guidelines.byName(request.guideline())
                    .map(g -> new Guidelines.Selection(g, Guidelines.REQUESTED))
                    .orElseThrow(() -> new BadRequest("guideline", "ガイドラインの版がわかりません: " + request.guideline() + "(収録している版: "
                            + String.join("、", guidelines.all().stream().map(Guidelines::shortName).toList()) + ")"));
        }

        /** Assessment by the date alone: the file's date, the form of its fiscal year, the guideline in force. */
        public Chooser(Checklists checklists, Guidelines guidelines) {
            this(checklists, guidelines, Request.NONE);
        }

        public Checklists checklists() { return checklists; }

        public Plan choose(Path file, Facility facility) throws InputError {
            LocalDate date = request.asOf() != null ? request.asOf() : facility.getAssessmentDate();
            if (date == null) {
                throw new InputError(file, "評価日(確認日)がありません。",
                        "施設ファイルに <assessmentDate>2025-03-31</assessmentDate> のように回答を確認した日を書いてください"
                                + "(質問票では「施設の基本」の確認日。コマンドでは --as-of 2025-03-31 でも指定できます)。");
            }
            Selection form = form(file, facility, date);
            Checklist vendorForm = checklists.edition(Checklists.VENDOR, form.form().getFiscalYear()).orElse(null);
            Checklist vendorInForce = form.inForce() == null ? null : checklists.formsFor(Checklists.VENDOR).stream()
                    .filter(c -> c.getFiscalYear() == form.inForce().getFiscalYear()).findFirst().orElse(null);
            Guidelines.Selection guideline = requestedGuideline != null ? requestedGuideline : guidelines.inForce(date).orElse(null);
            return new Plan(date, request.asOf() != null ? DATE_REQUESTED : DATE_IN_FILE, form, vendorForm, vendorInForce, guideline);
        }

        private Selection form(Path file, Facility facility, LocalDate date) throws InputError {
            if (requestedForm != null) return new Selection(requestedForm, Selection.REQUESTED);
            String type = facility.getFacilityType().value();
            if (requestedYear != null) {
                Optional<Checklist> form = checklists.edition(type, requestedYear);
                return form.map(c -> new Selection(c, Selection.REQUESTED))
                        .orElseThrow(() -> new InputError(file, request.edition() + " には施設の種類 " + type + " の様式が収録されていません。",
                                "kensa editions で収録されている版と様式を確認してください。"));
            }
            return checklists.inForce(type, date).orElseThrow(() -> new InputError(file,
                    "施設の種類 " + type + " に対応するチェックリストがまだ収録されていません。",
                    "--checklist で使うチェックリストを指定してください(使えるID: "
                            + String.join("、", checklists.all().stream().map(Checklist::getId).toList()) + ")。"));
        }
    }
}
