package kensa.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where rules/, checklists/ and reports/ are: -Dkensa.home, $KENSA_HOME, or above the jar or working directory. */
record Home(Path root) {
    Path rules() { return root.resolve("rules"); }
    Path checklists() { return root.resolve("checklists"); }
    Path facilitySchema() { return root.resolve("checklists/schema/facility.xsd"); }
    Path reports() { return root.resolve("reports"); }

    static Home locate() {
        String explicit = System.getProperty("kensa.home", System.getenv("KENSA_HOME"));
        if (explicit != null && !explicit.isBlank()) return new Home(Path.of(explicit).toAbsolutePath());
        for (Path start : new Path[] {codeLocation(), Path.of("").toAbsolutePath()}) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("rules")) && Files.isDirectory(p.resolve("checklists"))) return new Home(p);
            }
        }
        throw new IllegalStateException("kensa の rules/ と checklists/ が見つかりません。-Dkensa.home=… で指定してください。");
    }

    private static Path codeLocation() {
        try {
            return Path.of(Home.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
