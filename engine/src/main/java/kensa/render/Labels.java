package kensa.render;

import java.util.Map;
import kensa.rulebase.Status;

/** The words files for people and spreadsheets use for kensa's codes (the templates' own are in reports/labels.ftl). */
public final class Labels {
    public static final Map<String, String> FACILITY_TYPES = Map.of("hospital", "病院", "clinic", "診療所",
            "dental_clinic", "歯科診療所", "pharmacy", "薬局");

    public static final Map<Status, String> STATUSES = Map.of(Status.MET, "適合", Status.NOT_MET, "不適合",
            Status.UNANSWERED, "未回答", Status.RECOMMENDED, "推奨", Status.NOT_APPLICABLE, "該当なし");

    public static String facilityType(String code) {
        return FACILITY_TYPES.getOrDefault(code, code);
    }

    private Labels() {}
}
