package kensa.rulebase;

import java.util.List;
import java.util.stream.Collectors;
import org.kie.api.builder.Message;

/** DRL that does not compile: every error with its file and line. */
public final class RuleCompileError extends Exception {
    public RuleCompileError(List<Message> errors) {
        super(errors.stream()
                .map(m -> m.getPath() + ":" + m.getLine() + ": " + m.getText().strip())
                .collect(Collectors.joining("\n")));
    }
}
