package kensa.serve;

import java.nio.file.Path;
import java.time.LocalDate;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.catalog.Checklists;
import kensa.catalog.Selection;
import kensa.facts.Facility;
import kensa.facts.FacilityFiles;
import kensa.xml.InputError;

/**
 * The assessment `kensa assess FILE` makes of a facility file with no options: read and validated by the same
 * reader, dated by its assessmentDate, against the checklist of that date's fiscal year for its facility type
 * and the guideline in force on that date. (ServeTest checks the JSON equals the CLI's for the same file.)
 */
public final class Assessing {
    private final Assessor assessor;
    private final Checklists checklists;
    private final FacilityFiles reader;

    /** The checklist editions it assesses against (the forms mark the wording these do not vouch for). */
    public Checklists checklists() { return checklists; }

    public Assessing(Assessor assessor, Checklists checklists, Path facilityXsd) {
        this.assessor = assessor;
        this.checklists = checklists;
        this.reader = new FacilityFiles(facilityXsd);
    }

    public Assessment assess(Path file) throws InputError {
        Facility facility = reader.read(file, null);
        LocalDate date = facility.getAssessmentDate();
        if (date == null) {
            throw new InputError(file, "確認日(評価日)がありません。", "「施設の基本」の確認日に、回答を確認した日を入力してください。");
        }
        String type = facility.getFacilityType().value();
        Selection selection = checklists.inForce(type, date).orElseThrow(() -> new InputError(file,
                "施設の種類 " + type + " に対応するチェックリストがまだ収録されていません。", "kensa editions で収録されている様式を確認してください。"));
        return assessor.assess(facility, file, selection, date); // the guideline in force on the date
    }
}
