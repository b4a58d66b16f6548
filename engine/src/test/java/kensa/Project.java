package kensa;

import java.nio.file.Path;
import java.util.List;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.facts.Facility;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.rulebase.RuleBase;
import kensa.xml.InputError;

/** The project's own folders and its rule base, compiled once for all tests. */
public final class Project {
    public static final Path ROOT = Path.of("").toAbsolutePath();
    public static final Path RULES = ROOT.resolve("rules");
    public static final Path CHECKLISTS = ROOT.resolve("checklists");
    public static final Path SCHEMA = CHECKLISTS.resolve("schema");
    public static final Path EXAMPLES = CHECKLISTS.resolve("examples");

    private static RuleBase ruleBase;
    private static Checklists checklists;
    private static Guidelines guidelines;

    public static synchronized RuleBase ruleBase() {
        if (ruleBase == null) {
            try {
                ruleBase = RuleBase.compile(List.of(RULES));
            } catch (Exception e) {
                throw new AssertionError("rules do not compile:\n" + e.getMessage(), e);
            }
        }
        return ruleBase;
    }

    public static synchronized Checklists checklists() {
        if (checklists == null) {
            try {
                checklists = Checklists.load(CHECKLISTS);
            } catch (InputError e) {
                throw new AssertionError(e.describe());
            }
        }
        return checklists;
    }

    public static synchronized Guidelines guidelines() {
        if (guidelines == null) {
            try {
                guidelines = Guidelines.load(CHECKLISTS);
            } catch (InputError e) {
                throw new AssertionError(e.describe());
            }
        }
        return guidelines;
    }

    public static Assessor assessor() {
        return new Assessor(ruleBase(), checklists());
    }

    /** What `kensa assess FILE` assesses the facility against, or what a request (--as-of, --edition …) asks for. */
    public static Plan plan(Path file, Facility facility, Plan.Request request) throws InputError {
        return new Plan.Chooser(checklists(), guidelines(), request).choose(file, facility);
    }

    public static Plan plan(Path file, Facility facility) throws InputError {
        return plan(file, facility, Plan.Request.NONE);
    }

    private Project() {}
}
