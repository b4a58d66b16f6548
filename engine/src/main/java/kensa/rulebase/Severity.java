package kensa.rulebase;


/**
 * How much a gap matters, declared once per rule id, as {@code @severity(critical)} on the first rule of its DRL file
 * (it holds for all the file's rules): critical is what an
 * attacker uses first or what decides whether the facility can recover (factory passwords, unpatched
 * network devices, no offline backup, open connection sources). Declared in order of urgency.
 */
public enum Severity {
    CRITICAL("critical"),
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String code;

    Severity(String code) { this.code = code; }

    public String code() { return code; }

    /** The severity a rule declares, or null when it declares none or one that is not a severity. */
    public static Severity ofCode(Object code) {
        if (code == null) return null;
        String c = code.toString().replace("\"", "").trim();
        for (Severity s : values()) if (s.code.equals(c)) return s;
        return null;
    }
}
