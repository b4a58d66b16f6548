package kensa.cli;

import java.io.OutputStream;
import java.util.concurrent.Callable;
import kensa.batch.ResultCatalog;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import picocli.CommandLine.Command;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "results.jsonl(assess --format jsonl)を読むためのカタログ(JSON)を表示します: 収録しているすべての版の"
                + "チェックリスト項目とガイドライン要件の文言と、それぞれを判定するルール。指摘の文(texts)は、一括評価が"
                + "出力先に書く catalog.json にあります。")
final class CatalogCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Home home = Home.locate();
        OutputStream out = System.out;
        ResultCatalog.writeBundled(out, Checklists.load(home.checklists()), Guidelines.load(home.checklists()));
        out.flush();
        return 0;
    }
}
