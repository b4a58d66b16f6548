package kensa.rulebase;

import java.util.List;
import java.util.stream.Collectors;
import org.kie.api.builder.Message;

/** DRL that does not compile: every error with its file and line. */
public final class RuleCompileError extends Exception {
    public RuleCompileError(List<Message> errors) {
        super(withMovedTypes(errors.stream()
                .map(m -> m.getPath() + ":" + m.getLine() + ": " + m.getText().strip())
                .collect(Collectors.joining("\n"))));
    }

    /** A consultant's DRL written before the types it uses moved to the ground floor: say where they are now. */
    private static String withMovedTypes(String errors) {
        if (!errors.contains("kensa.assess.") && !errors.contains("kensa.render.Wareki")) return errors;
        return errors + "\nDRL が使う型(Findings・Parameter・AssessmentDate・Wareki など)は kensa.rulebase にあります。"
                + "kensa.assess.Findings は kensa.rulebase.Findings、kensa.render.Wareki は kensa.rulebase.Wareki と書いてください。";
    }
}
