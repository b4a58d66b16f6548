package kensa.rulebase;

import java.util.Collection;

/** A verdict. Reports map the codes to words; the precedence lives here and only here. */
public enum Status {
    // Declared in precedence order, so sorting by status lists what needs doing first.
    NOT_MET("not_met"),
    UNANSWERED("unanswered"),
    /** Not done, where the source only recommends it (「有効」「望ましい」): advice, never a gap and never 不適合. */
    RECOMMENDED("recommended"),
    MET("met"),
    NOT_APPLICABLE("not_applicable");

    private final String code;

    Status(String code) { this.code = code; }

    public String code() { return code; }

    public static Status ofCode(String code) {
        for (Status s : values()) if (s.code.equals(code)) return s;
        throw new IllegalArgumentException("unknown status " + code);
    }

    /** 不適合 > 未回答 > 推奨 > 適合 > 該当なし. Nothing decided means unanswered: missing is never compliant. */
    public static Status combine(Collection<Status> statuses) {
        if (statuses.contains(NOT_MET)) return NOT_MET;
        if (statuses.isEmpty() || statuses.contains(UNANSWERED)) return UNANSWERED;
        if (statuses.contains(RECOMMENDED)) return RECOMMENDED;
        if (statuses.contains(MET)) return MET;
        return NOT_APPLICABLE;
    }

    public boolean isGap() { return this == NOT_MET || this == UNANSWERED; }
}
