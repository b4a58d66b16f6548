package kensa.cli;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import kensa.assess.Assessor;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.rulebase.RuleBase;
import kensa.assess.Plan;
import kensa.serve.FacilitySchema;
import kensa.serve.Questionnaire;
import kensa.serve.Server;
import kensa.xml.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "ブラウザで答える質問票を、このPCの中だけで開きます。回答はすぐに --data のフォルダの施設ファイルに保存され、"
                + "最後に報告書と記入済みの様式を表示します。")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8765", description = "ポート番号(既定: ${DEFAULT-VALUE}。0 なら空いている番号)")
    int port;

    // The release bundle's launcher names a folder it may write to (kensa.data); otherwise kensa-data where kensa starts.
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${sys:kensa.data:-kensa-data}", description = "施設ファイルを保存するフォルダ(既定: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "待ち受けるIPアドレス(既定: 127.0.0.1 = このPCの中だけ)。ほかのPCから開けるようにするときだけ指定してください")
    String bind;

    @Option(names = "--no-browser", description = "ブラウザを開かない")
    boolean noBrowser;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--port は 0〜65535 の番号で指定してください: " + port);
        InetAddress address;
        // Only an IP address (or localhost): a name would be looked up in DNS, and nothing here goes out to the network.
        String literal = bind == null || bind.equalsIgnoreCase("localhost") ? "127.0.0.1" : bind;
        boolean v4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean v6 = literal.matches("\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?");
        if (!v4 && !v6) {
            throw new ParameterException(spec.commandLine(), "--bind のアドレスがわかりません: " + bind + "(例: 127.0.0.1、192.168.1.10)");
        }
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind のアドレスがわかりません: " + bind + "(例: 127.0.0.1、192.168.1.10)");
        }
        if (!address.isLoopbackAddress()) {
            err.println("kensa serve: 警告: " + address.getHostAddress() + " で待ち受けます。同じネットワークのほかの機器からも質問票と施設ファイルを"
                    + "開けるようになります(通信は暗号化されません)。必要なときだけ使い、終わったらすぐに止めてください。");
            err.flush();
        }
        Home home = Home.locate();
        RuleBase.Pending rules = RuleBase.loadInBackground(home.rules(), java.util.List.of());
        Questionnaire questionnaire;
        Checklists checklists;
        Guidelines guidelines;
        try {
            FacilitySchema schema = FacilitySchema.load(home.facilitySchema());
            questionnaire = Questionnaire.load(home.checklists().resolve("questionnaire/questionnaire.xml"),
                    home.checklists().resolve("schema/questionnaire.xsd"), schema);
            checklists = Checklists.load(home.checklists());
            guidelines = Guidelines.load(home.checklists());
        } catch (InputError e) {
            err.println(e.describe());
            return Kensa.INTERNAL_ERROR;
        }
        Server server;
        try {
            server = Server.start(new Server.Settings(address, port, data, questionnaire, home.facilitySchema(), home.reports(),
                    new Assessor(rules.get(), checklists), new Plan.Chooser(checklists, guidelines), Clock.systemDefaultZone()));
        } catch (BindException e) {
            err.println("kensa serve: ポート " + port + " を使えません(ほかのプログラムが使っているかもしれません)。--port で別の番号を指定してください。");
            return Kensa.INVALID_INPUT;
        }
        URI uri = server.address();
        out.println("kensa serve: " + uri + " をブラウザで開いてください(終了は Ctrl+C)。");
        out.println("施設ファイルの保存先: " + server.dataDir());
        out.flush();
        if (!noBrowser) openBrowser(uri);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Opens the page where the desktop allows it; says nothing and goes on where it cannot. */
    private static void openBrowser(URI uri) {
        try {
            if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) return;
            Desktop desktop = Desktop.getDesktop();
            if (desktop.isSupported(Desktop.Action.BROWSE)) desktop.browse(uri);
        } catch (Throwable e) {
            // no browser to open: the address printed above is enough
        }
    }
}
