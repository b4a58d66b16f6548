package kensa.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.checklist.Checklist;
import kensa.guideline.Guideline;
import kensa.rulebase.Wareki;
import picocli.CommandLine.IVersionProvider;

/**
 * kensa --version: the build's version and the editions it carries, read from the catalogs it would assess with, so
 * a user can tell an inspector exactly what was used (and a new edition file shows up without a code change).
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Kensa.class.getPackage().getImplementationVersion(); // from the jar's manifest
        List<String> lines = new ArrayList<>();
        lines.add("kensa " + (version == null ? "(開発中のビルド)" : version));
        try {
            Home home = Home.locate();
            Map<String, List<Checklist>> byEdition = new LinkedHashMap<>();
            for (Checklist c : Checklists.load(home.checklists()).all()) {
                byEdition.computeIfAbsent(Checklists.code(c) + " " + c.getEdition(), k -> new ArrayList<>()).add(c);
            }
            lines.add("チェックリスト:");
            byEdition.forEach((edition, forms) -> {
                boolean noItems = forms.stream().noneMatch(Checklists::hasItems);
                lines.add("  " + edition + "(" + forms.stream()
                        .map(c -> c.getForm() + (noItems || Checklists.hasItems(c) ? "" : "〔項目未収録〕"))
                        .collect(Collectors.joining("・")) + (noItems ? "。項目未収録" : "") + ")");
            });
            lines.add("ガイドライン:");
            for (Guideline g : Guidelines.load(home.checklists()).all()) {
                lines.add("  " + g.getEdition() + "(" + Wareki.date(g.getPublished()) + "公表)");
            }
            lines.add("収録データ: " + home.root());
        } catch (Exception e) {
            lines.add("(チェックリストとガイドラインの版を読めませんでした: " + e.getMessage() + ")");
        }
        return lines.toArray(String[]::new);
    }
}
