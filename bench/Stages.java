import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import kensa.assess.Assessment;
import kensa.assess.Assessor;
import kensa.assess.Plan;
import kensa.batch.ResultRecord;
import kensa.batch.ResultCatalog;
import kensa.catalog.Checklists;
import kensa.catalog.Guidelines;
import kensa.facts.Facility;
import kensa.render.Reports;
import kensa.rulebase.RuleBase;
import kensa.xml.XmlFiles;

/**
 * Where one facility's time goes, stage by stage, on one thread: CPU microseconds per facility to parse and validate
 * the file, to assess it (the rule session and filling the forms and requirements) and to write its batch record
 * (and, in the last round, its report JSON, for comparison). Each
 * round goes over the same files again, so the later rounds show the compiled (warm) code. Also the memory allocated per
 * facility (all stages): two threads share the caches, so allocation costs more than its share. Run by bench/stages.sh.
 */
public class Stages {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        int rounds = Integer.parseInt(args[2]);
        RuleBase rules = RuleBase.load(home.resolve("rules"), List.of());
        Checklists checklists = Checklists.load(home.resolve("checklists"));
        Guidelines guidelines = Guidelines.load(home.resolve("checklists"));
        XmlFiles<Facility> reader = new XmlFiles<>(Facility.class, home.resolve("checklists/schema/facility.xsd"));
        Assessor assessor = new Assessor(rules, checklists);
        Plan.Chooser plans = new Plan.Chooser(checklists, guidelines);
        ResultCatalog catalog = new ResultCatalog(checklists, guidelines);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        for (int round = 1; round <= rounds; round++) {
            long parse = 0, assess = 0, json = 0, record = 0, bytes = 0, recordBytes = 0, allocated = -cpu.getThreadAllocatedBytes(me);
            for (Path file : files) {
                long t0 = cpu.getCurrentThreadCpuTime();
                Facility facility = reader.read(file);
                long t1 = cpu.getCurrentThreadCpuTime();
                Assessment result = assessor.assess(facility, file, plans.choose(file, facility));
                long t2 = cpu.getCurrentThreadCpuTime();
                recordBytes += ResultRecord.of(result, catalog).length;
                long t3 = cpu.getCurrentThreadCpuTime();
                if (round == rounds) bytes += Reports.json(result).getBytes(java.nio.charset.StandardCharsets.UTF_8).length; // the report's JSON, for comparison (last round only)
                long t4 = cpu.getCurrentThreadCpuTime();
                parse += t1 - t0;
                assess += t2 - t1;
                record += t3 - t2;
                json += t4 - t3;
            }
            allocated += cpu.getThreadAllocatedBytes(me);
            int n = files.size();
            System.out.printf("round %d of %d facilities: parse+validate %d µs, rules+forms %d µs, record %d µs (%d bytes)%s; %d KB allocated per facility%n",
                    round, n, parse / 1000 / n, assess / 1000 / n, record / 1000 / n, recordBytes / n,
                    round == rounds ? String.format(", report JSON %d µs (%d bytes)", json / 1000 / n, bytes / n) : "", allocated / 1024 / n);
        }
    }
}
