package kensa.generate;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Map;
import java.util.SplittableRandom;
import javax.xml.namespace.QName;
import kensa.assess.Plan;
import kensa.catalog.Checklists;
import kensa.xml.InputError;
import kensa.checklist.Cell;
import kensa.checklist.Checklist;
import kensa.checklist.Item;
import kensa.checklist.Section;
import kensa.facts.AccessLogs;
import kensa.facts.AccountRules;
import kensa.facts.AssetRegister;
import kensa.facts.Backup;
import kensa.facts.BusinessContinuity;
import kensa.facts.DeclaredAnswer;
import kensa.facts.DeclaredAnswers;
import kensa.facts.Device;
import kensa.facts.DeviceKind;
import kensa.facts.DeviceOperation;
import kensa.facts.Devices;
import kensa.facts.Facility;
import kensa.facts.FacilityType;
import kensa.facts.Incident;
import kensa.facts.IncidentKind;
import kensa.facts.IncidentResponse;
import kensa.facts.Incidents;
import kensa.facts.InformationSystem;
import kensa.facts.MaintenanceOutsourcing;
import kensa.facts.MedicalDevice;
import kensa.facts.MedicalDevices;
import kensa.facts.MedicalRecordsAddon;
import kensa.facts.Network;
import kensa.facts.ObjectFactory;
import kensa.facts.OperatingRules;
import kensa.facts.PasswordRules;
import kensa.facts.ReportedByVendor;
import kensa.facts.SecurityOfficer;
import kensa.facts.Staff;
import kensa.facts.Systems;
import kensa.facts.DataLocation;
import kensa.facts.GoverningLaw;
import kensa.facts.Subcontracting;
import kensa.facts.Vendor;
import kensa.facts.VendorContract;
import kensa.facts.VendorCertification;
import kensa.facts.Vendors;
import kensa.facts.VpnKind;
import kensa.facts.OsProduct;
import kensa.facts.VulnerabilityManagement;
import kensa.facts.WirelessLan;
import kensa.facts.YesNo;

/**
 * Synthetic, schema-valid facility files for demos and benchmarks: plausible, clearly fictitious, and
 * deterministic. Facility {@code i} depends only on (seed, i) (and on the checklist forms loaded, whose cells
 * the answers written on a form use), never on how many are generated, so the same seed always gives the
 * same bytes for the same file.
 *
 * <p>Each facility has two hidden traits: <em>maturity</em> (how well it is protected; hospitals and larger
 * facilities higher) and <em>thoroughness</em> (how completely it answers). Every yes/no fact is
 * answered "yes" with a probability that rises with maturity between two per-fact bounds, and is left out
 * (未回答) with a per-fact gap rate scaled by the facility type and its thoroughness: newer guideline facts
 * and the ones small clinics rarely know (password reuse, offline backup) are left out most often.
 *
 * <p>Not thread-safe (one marshaller); build one per thread.
 */
public final class SyntheticFacilities {
    /**
     * Facility counts in Japan, approximate orders of magnitude only, used as the type mix: 病院 ≈ 8,100,
     * 一般診療所 ≈ 105,000, 歯科診療所 ≈ 67,000 (厚生労働省「医療施設動態調査」2024年頃) and 薬局 ≈ 62,000
     * (厚生労働省「衛生行政報告例」令和5年度末頃). Not official figures for any date.
     */
    private static final int HOSPITALS = 8_100, CLINICS = 105_000, DENTAL_CLINICS = 67_000, PHARMACIES = 62_000;
    private static final int ALL = HOSPITALS + CLINICS + DENTAL_CLINICS + PHARMACIES;

    /** Assessment dates are spread over 令和6年度 to 令和8年度 (2024-04-01 to 2027-03-31). */
    static final LocalDate FIRST_DATE = LocalDate.of(2024, 4, 1);
    static final LocalDate LAST_DATE = LocalDate.of(2027, 3, 31);
    /** 診療録管理体制加算3 was created by the 令和6年度 診療報酬改定 (in force 2024-06-01). */
    private static final LocalDate ADDON_3_FROM = LocalDate.of(2024, 6, 1);

    private static final String[] VENDOR_LETTERS = {"A", "B", "C"};

    /** The root element, {urn:kensa:facility:1}facility. */
    private static final QName FACILITY = new ObjectFactory().createFacility(null).getName();

    private static volatile JAXBContext context;

    private final long seed;
    private final Plan.Chooser plans;
    private final Marshaller marshaller;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);

    /**
     * @param plans chooses the forms: answers written on a form (申告) use the cells of the form an assessment on the
     *              facility's date applies, so no edition is named here
     */
    public SyntheticFacilities(long seed, Plan.Chooser plans) {
        this.seed = seed;
        this.plans = Objects.requireNonNull(plans, "plans");
        try {
            marshaller = context().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true); // our own declaration and comment come first
            marshaller.setProperty("org.glassfish.jaxb.indentString", "  ");
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot prepare the JAXB marshaller for kensa.facts: " + e, e);
        }
    }

    private static JAXBContext context() throws JAXBException {
        JAXBContext c = context;
        if (c == null) {
            synchronized (SyntheticFacilities.class) {
                if (context == null) context = JAXBContext.newInstance(Facility.class.getPackageName(), Facility.class.getClassLoader());
                c = context;
            }
        }
        return c;
    }

    public long seed() { return seed; }

    /** synthetic-000001.xml for index 1; wider past 999,999. */
    public static String fileName(int index) {
        return String.format(Locale.ROOT, "synthetic-%06d.xml", index);
    }

    /** The share of a facility type in the mix (for example 0.434 for clinics). */
    public static double targetShare(FacilityType type) {
        return switch (type) {
            case HOSPITAL -> HOSPITALS;
            case CLINIC -> CLINICS;
            case DENTAL_CLINIC -> DENTAL_CLINICS;
            case PHARMACY -> PHARMACIES;
        } / (double) ALL;
    }

    /** Facility number {@code index} (1-based) of this seed. */
    public Facility facility(int index) {
        return new Builder(new SplittableRandom(fileSeed(seed, index)), index, plans).build();
    }

    /** The file's bytes: UTF-8, formatted, with a comment saying it is synthetic. */
    public byte[] xml(int index) {
        return xml(facility(index), index);
    }

    public byte[] xml(Facility facility, int index) {
        buffer.reset();
        String header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                // An XML comment may not contain "--", so the option is spelled out rather than written as --seed.
                + "<!-- 合成データ: kensa generate(seed " + seed + "、" + String.format(Locale.ROOT, "%06d", index)
                + " 件目)で作成。実在の施設ではない。 -->";  // the marshaller starts the fragment on a new line
        buffer.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        try {
            marshaller.marshal(new JAXBElement<>(FACILITY, Facility.class, facility), buffer);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write synthetic facility " + index + ": " + e, e);
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /** A well-mixed seed per file from (seed, index) (SplitMix64's finaliser), so neighbouring files are unrelated. */
    static long fileSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One facility's draws. Only nextDouble and nextInt of SplittableRandom and StrictMath, so the bytes do not depend on the JVM. */
    private static final class Builder {
        private final SplittableRandom rng;
        private final int index;
        private final Plan.Chooser plans;
        private FacilityType type;
        private int beds;            // licensed beds (0 for pharmacies, which have none)
        private double size;         // 0 (smallest) to 1 (largest of its type)
        private double maturity;     // 0..1: how well protected
        private double gapScale;     // multiplies each fact's gap rate
        private LocalDate asOf;
        private Checklist form;
        private Checklist vendorForm;
        private final Map<String, Boolean> policy = new HashMap<>(); // device facts as first answered
        private Boolean registerKept; // whether there is an asset register to list each device in

        Builder(SplittableRandom rng, int index, Plan.Chooser plans) {
            this.rng = rng;
            this.index = index;
            this.plans = plans;
        }

        Facility build() {
            Facility f = new Facility();
            type = drawType();
            String number = String.format(Locale.ROOT, "%06d", index);
            f.setName(switch (type) {
                case HOSPITAL -> "合成病院 ";
                case CLINIC -> "合成診療所 ";
                case DENTAL_CLINIC -> "合成歯科診療所 ";
                case PHARMACY -> "合成薬局 ";
            } + number + "(架空)");
            f.setFacilityType(type);
            drawSize();
            if (type != FacilityType.PHARMACY) f.setLicensedBeds(beds);
            asOf = FIRST_DATE.plusDays(rng.nextInt((int) (LAST_DATE.toEpochDay() - FIRST_DATE.toEpochDay()) + 1));
            f.setAssessmentDate(asOf);
            drawTraits();
            // The forms an assessment on that date applies by default: the facility's, and the vendors' of the same edition.
            try {
                Plan plan = plans.choose(Path.of(f.getName()), f);
                form = plan.form().form();
                vendorForm = plan.vendorForm();
            } catch (InputError e) { // no form loaded for the type: nothing to declare on
                form = null;
                vendorForm = null;
            }

            // A few clinics still run on paper (紙カルテ・紙レセプト): nothing else to ask (as in no-information-system.xml).
            double paper = switch (type) {
                case CLINIC -> 0.015;
                case DENTAL_CLINIC -> 0.02;
                default -> 0.0;
            };
            if (rng.nextDouble() < paper) {
                f.setMedicalInformationSystemInUse(false);
                return f;
            }
            f.setMedicalInformationSystemInUse(rng.nextDouble() < 0.005 * gapScale ? null : Boolean.TRUE);

            f.setSecurityOfficer(securityOfficer());
            f.setOperatingRules(operatingRules());
            f.setAssetRegister(assetRegister());
            f.setPasswordRules(passwordRules());
            Boolean wireless = present(0.25) ? yn(0.08, type == FacilityType.HOSPITAL ? 0.85 : 0.45) : null;
            List<Vendor> vendors = vendors();
            f.setDevices(devices(wireless, vendors));
            if (vendors != null) {
                Vendors v = new Vendors();
                v.getVendor().addAll(vendors);
                f.setVendors(v);
            }
            f.setIncidentResponse(incidentResponse());
            f.setBackup(backup());
            f.setBusinessContinuity(businessContinuity());
            if (type == FacilityType.HOSPITAL) f.setMedicalRecordsAddon(medicalRecordsAddon());
            f.setStaff(staff());
            f.setAccountRules(accountRules());
            f.setDeviceOperation(deviceOperation());
            f.setVulnerabilityManagement(vulnerabilityManagement());
            f.setMaintenanceOutsourcing(maintenanceOutsourcing());
            f.setSystems(systems(vendors));
            f.setNetwork(network());
            f.setWirelessLan(wirelessLan(wireless));
            f.setAccessLogs(accessLogs());
            f.setMedicalDevices(medicalDevices());
            f.setIncidents(incidents());
            // Some facilities also filled in the paper form; their answers stand in where facts are missing (自己申告).
            if (form != null && rng.nextDouble() < 0.15) {
                DeclaredAnswers declared = declaredAnswers(form, 0.3 + 0.5 * rng.nextDouble(), p(0.5, 0.95), 0, 120);
                if (declared != null) f.getDeclaredAnswers().add(declared);
            }
            return f;
        }

        // --- the facility's shape -------------------------------------------------------------------------

        private FacilityType drawType() {
            int r = rng.nextInt(ALL);
            if (r < HOSPITALS) return FacilityType.HOSPITAL;
            if (r < HOSPITALS + CLINICS) return FacilityType.CLINIC;
            if (r < HOSPITALS + CLINICS + DENTAL_CLINICS) return FacilityType.DENTAL_CLINIC;
            return FacilityType.PHARMACY;
        }

        private void drawSize() {
            switch (type) {
                case HOSPITAL -> {
                    // Log-normal, median about 130 beds, within 20–800: about a third under 100 beds, a few percent 500 or more.
                    double b;
                    do {
                        b = StrictMath.exp(StrictMath.log(130) + 0.75 * gaussian());
                    } while (b < 20 || b > 800);
                    beds = b < 100 ? (int) StrictMath.round(b) : 5 * (int) StrictMath.round(b / 5);
                    size = StrictMath.log(beds / 20.0) / StrictMath.log(40.0);
                }
                case CLINIC -> {
                    // About one general clinic in twenty has beds (有床診療所), half of them the full 19.
                    beds = rng.nextDouble() < 0.055 ? (rng.nextDouble() < 0.5 ? 19 : 1 + rng.nextInt(18)) : 0;
                    size = beds > 0 ? 0.5 : 0.4 * rng.nextDouble();
                }
                case DENTAL_CLINIC, PHARMACY -> {
                    beds = 0;
                    size = 0.4 * rng.nextDouble();
                }
            }
        }

        private void drawTraits() {
            double base = switch (type) {
                case HOSPITAL -> 0.5 + 0.25 * size;
                case CLINIC -> 0.42;
                case DENTAL_CLINIC -> 0.36;
                case PHARMACY -> 0.48;
            };
            maturity = clamp(base + 0.18 * gaussian(), 0.02, 0.98);
            double typeGaps = switch (type) {
                case HOSPITAL -> 0.45;
                case CLINIC -> 1.0;
                case DENTAL_CLINIC -> 1.15;
                case PHARMACY -> 0.85;
            };
            double thoroughness = clamp(0.5 + 0.2 * gaussian(), 0.0, 1.0);
            gapScale = typeGaps * 2 * (1 - thoroughness);
        }

        // --- elements ------------------------------------------------------------------------------------

        private SecurityOfficer securityOfficer() {
            SecurityOfficer o = new SecurityOfficer();
            o.setAppointed(yn(0.03, p(0.55, 0.99)));
            if (Boolean.TRUE.equals(o.getAppointed())) {
                if (!gap(0.15)) o.setRole(pick(switch (type) {
                    case HOSPITAL -> new String[] {"事務部長", "事務長", "医療情報部長", "情報システム課長", "副院長"};
                    case CLINIC -> new String[] {"院長", "院長", "院長", "事務長"};
                    case DENTAL_CLINIC -> new String[] {"院長", "院長", "院長", "副院長"};
                    case PHARMACY -> new String[] {"管理薬剤師", "管理薬剤師", "薬局長", "開設者"};
                }));
                // Dedicated officers exist in larger hospitals; small facilities rarely answer the question.
                if (type == FacilityType.HOSPITAL) o.setDedicated(yn(0.25, clamp(0.05 + 0.6 * size * maturity, 0, 1)));
                else o.setDedicated(yn(0.7, 0.02));
            }
            return o.getAppointed() == null && o.getRole() == null ? null : o;
        }

        private OperatingRules operatingRules() {
            OperatingRules r = new OperatingRules();
            r.setEstablished(yn(0.06, p(0.3, 0.95)));
            if (Boolean.TRUE.equals(r.getEstablished()) && !gap(0.3)) r.setLastReviewed(daysBefore(0, 1100));
            return r.getEstablished() == null ? null : r;
        }

        private AssetRegister assetRegister() {
            AssetRegister a = new AssetRegister();
            a.setKept(yn(0.06, p(0.25, 0.95)));
            registerKept = a.getKept();
            if (Boolean.TRUE.equals(a.getKept()) && !gap(0.35)) a.setLastStocktake(daysBefore(0, 800));
            // "Never" is an answer apart from a date left out; the less mature say it more often.
            if (Boolean.TRUE.equals(a.getKept()) && a.getLastStocktake() == null && rng.nextDouble() < p(0.5, 0.1)) a.setNeverStocktaken(true);
            return a.getKept() == null ? null : a;
        }

        private PasswordRules passwordRules() {
            if (!present(0.04)) return null;
            PasswordRules r = new PasswordRules();
            if (!gap(0.12)) {
                int[] lengths = {4, 6, 8, 8, 8, 10, 12, 13, 16};
                int i = (int) clamp(maturity * lengths.length + 2.5 * (rng.nextDouble() - 0.5), 0, lengths.length - 1);
                r.setMinLength(lengths[i]);
            }
            r.setMixedCharacters(yn(0.12, p(0.4, 0.95)));
            r.setChangedPeriodically(yn(0.15, 0.45));
            if (Boolean.TRUE.equals(r.getChangedPeriodically()) && !gap(0.3)) r.setChangeIntervalMonths(pick(new int[] {3, 3, 6, 6, 6, 12}));
            r.setAccountLockout(yn(0.35, p(0.2, 0.85)));
            r.setReuseProhibited(yn(0.45, p(0.2, 0.8)));
            return any(r.getMinLength(), r.getMixedCharacters(), r.getChangedPeriodically(), r.getAccountLockout(),
                    r.getReuseProhibited()) ? r : null;
        }

        private Devices devices(Boolean wireless, List<Vendor> vendors) {
            if (!present(0.03)) return null;
            Devices d = new Devices();
            List<Device> list = d.getDevice();
            // Servers: 1–3, more in larger hospitals.
            String[] serverNames = switch (type) {
                case HOSPITAL -> new String[] {"電子カルテサーバ", "医事会計サーバ", "PACSサーバ"};
                case CLINIC -> new String[] {"電子カルテサーバ", "レセコンサーバ"};
                case DENTAL_CLINIC -> new String[] {"歯科レセコン・電子カルテサーバ", "画像サーバ"};
                case PHARMACY -> new String[] {"レセコン・薬歴サーバ", "調剤機器連携サーバ"};
            };
            int servers = type == FacilityType.HOSPITAL ? (beds < 100 ? 1 + rng.nextInt(2) : beds < 400 ? 2 + rng.nextInt(2) : 3)
                    : rng.nextDouble() < 0.2 ? 2 : 1;
            for (int i = 0; i < servers; i++) list.add(computer(DeviceKind.SERVER, serverNames[i], 1));

            // Terminals: 1–N in one to three groups of the same set-up.
            int terminals = switch (type) {
                case HOSPITAL -> 5 + (int) StrictMath.round(beds * (0.5 + 0.5 * rng.nextDouble()));
                case CLINIC -> 1 + rng.nextInt(beds > 0 ? 12 : 8);
                case DENTAL_CLINIC -> 1 + rng.nextInt(5);
                case PHARMACY -> 1 + rng.nextInt(4);
            };
            String[] terminalNames = switch (type) {
                case HOSPITAL -> new String[] {"病棟・外来の電子カルテ端末", "医事・事務PC", "部門システム端末"};
                case CLINIC -> new String[] {"診察室PC", "受付PC", "検査室PC"};
                case DENTAL_CLINIC -> new String[] {"診療室PC", "受付PC", "技工室PC"};
                case PHARMACY -> new String[] {"調剤・薬歴PC", "受付PC", "監査PC"};
            };
            int groups = 1 + rng.nextInt(StrictMath.min(3, terminals));
            double[] weights = new double[groups];
            double total = 0;
            for (int g = 0; g < groups; g++) total += weights[g] = g == 0 ? 1.0 : 0.1 + 0.4 * rng.nextDouble();
            int[] counts = new int[groups];
            int assigned = 0;
            for (int g = 0; g < groups; g++) assigned += counts[g] = 1 + (int) ((terminals - groups) * weights[g] / total);
            counts[0] += terminals - assigned; // the main group takes what rounding left over
            for (int g = 0; g < groups; g++) list.add(computer(DeviceKind.TERMINAL, terminalNames[g], counts[g]));

            // Network devices: 1–3; a VPN device when a vendor maintains remotely.
            boolean remote = vendors != null && vendors.stream().anyMatch(v -> Boolean.TRUE.equals(v.getRemoteMaintenanceUsed()));
            List<String> names = new ArrayList<>();
            names.add(type == FacilityType.HOSPITAL ? "基幹スイッチ・ファイアウォール" : "ルーター");
            if (remote || (type == FacilityType.HOSPITAL && rng.nextDouble() < 0.5)) names.add("保守用VPN装置");
            if (Boolean.TRUE.equals(wireless) && names.size() < 3) names.add("無線LANアクセスポイント");
            for (String name : names) list.add(networkDevice(name));
            return d;
        }

        private Device computer(DeviceKind kind, String name, int quantity) {
            Device d = new Device();
            d.setKind(kind);
            d.setName(name);
            if (quantity > 1) d.setQuantity(quantity);
            inRegister(d);
            boolean server = kind == DeviceKind.SERVER;
            d.setPatchesApplied(shared("patches", 0.1, p(server ? 0.3 : 0.4, 0.95)));
            if (Boolean.FALSE.equals(d.getPatchesApplied())) {
                d.setPatchUnavailable(yn(0.4, server ? 0.45 : 0.2));
                if (Boolean.TRUE.equals(d.getPatchUnavailable())) d.setAlternativeAgreedWithVendor(yn(0.3, p(0.2, 0.8)));
            }
            d.setUnneededServicesStopped(shared("services", 0.3, p(0.3, 0.9)));
            d.setAccessRightsByRole(shared("rights", 0.12, p(0.5, 0.98)));
            d.setUnneededAccountsRemoved(shared("accounts", 0.15, p(0.35, 0.95)));
            if (Boolean.TRUE.equals(d.getUnneededAccountsRemoved()) && !gap(0.5)) d.setLastAccountReview(daysBefore(0, 700));
            if (server) d.setAccessLogKept(shared("log", 0.2, p(0.4, 0.95)));
            d.setAdministratorRightsLimited(shared("admin", 0.15, p(0.4, 0.95)));
            d.setTwoFactorAuthentication(shared("2fa", 0.1, p(0.02, 0.5)));
            d.setExternalMediaRestricted(shared("media", 0.15, p(0.15, 0.85)));
            d.setAntiMalwareCurrent(shared("malware", 0.08, p(0.55, 0.98)));
            d.setDefaultPasswordsChanged(shared("defaults", 0.3, p(0.4, 0.95)));
            if (server) d.setSoftwareAdminPasswordsChanged(shared("swadmin", 0.5, p(0.3, 0.9)));
            operatingSystem(d, server
                    ? new OsProduct[] {OsProduct.WINDOWS_SERVER_2012_R_2, OsProduct.WINDOWS_SERVER_2016, OsProduct.WINDOWS_SERVER_2019,
                        OsProduct.WINDOWS_SERVER_2022, OsProduct.WINDOWS_SERVER_2025, OsProduct.UBUNTU_22_04}
                    : new OsProduct[] {OsProduct.WINDOWS_10, OsProduct.WINDOWS_11_HOME_PRO_23_H_2, OsProduct.WINDOWS_11_HOME_PRO_24_H_2,
                        OsProduct.WINDOWS_11_ENTERPRISE_24_H_2, OsProduct.WINDOWS_11_HOME_PRO_25_H_2, OsProduct.WINDOWS_10_LTSC_2021});
            return d;
        }

        private Device networkDevice(String name) {
            Device d = new Device();
            d.setKind(DeviceKind.NETWORK_DEVICE);
            d.setName(name);
            inRegister(d);
            d.setPatchesApplied(shared("net.patches", 0.15, p(0.35, 0.92)));
            d.setConnectionSourceRestricted(shared("net.source", 0.2, p(0.3, 0.95)));
            d.setDefaultPasswordsChanged(shared("net.defaults", 0.3, p(0.35, 0.95)));
            // Router firmware is rarely in the bundled table: the facility gives the maker's date, when it knows it.
            if (!gap(0.5)) {
                d.setOsProduct(OsProduct.OTHER);
                if (!gap(0.4)) d.setEndOfSupport(asOf.plusDays(rng.nextInt(2200) - 700));
                supportAfterEnd(d, d.getEndOfSupport());
            }
            if (name.startsWith("保守用VPN")) {
                if (!gap(0.2)) d.setVpn(rng.nextDouble() < 0.35 ? VpnKind.SSL_VPN : VpnKind.IPSEC);
                if (d.getVpn() == VpnKind.SSL_VPN) d.setVpnHardened(yn(0.35, p(0.1, 0.8)));
            } else if (!gap(0.5)) {
                d.setVpn(VpnKind.NONE);
            }
            return d;
        }

        /** The OS, older ones more often in less mature facilities; after its end of support, ESU or an agreed alternative, or neither. */
        private void operatingSystem(Device d, OsProduct[] newestLast) {
            if (gap(0.3)) return;
            int i = (int) clamp(maturity * newestLast.length + 2.0 * (rng.nextDouble() - 0.5), 0, newestLast.length - 1);
            d.setOsProduct(newestLast[i]);
            // The end of support as the bundled table has it is not known here; ask the after-the-end questions of the oldest lines.
            if (i <= 1) supportAfterEnd(d, null);
        }

        private void supportAfterEnd(Device d, LocalDate end) {
            if (end != null && !end.isBefore(asOf)) return;
            d.setExtendedSecurityUpdates(yn(0.4, p(0.1, 0.6)));
            if (Boolean.TRUE.equals(d.getExtendedSecurityUpdates()) && !gap(0.3)) d.setExtendedSecurityUpdatesUntil(asOf.plusDays(rng.nextInt(900) - 200));
            if (d.getAlternativeAgreedWithVendor() == null && !Boolean.TRUE.equals(d.getExtendedSecurityUpdates())) d.setAlternativeAgreedWithVendor(yn(0.5, p(0.1, 0.7)));
        }

        /** With a register, most devices are in it; a few (often the newest or the vendor's) are missing. */
        private void inRegister(Device d) {
            if (Boolean.TRUE.equals(registerKept)) d.setInAssetRegister(yn(0.3, p(0.75, 0.99)));
        }

        private List<Vendor> vendors() {
            if (!present(0.03)) return null;
            int count = switch (type) {
                case HOSPITAL -> 2 + rng.nextInt(2);
                case CLINIC -> weighted(new double[] {0.08, 0.55, 0.30, 0.07});
                case DENTAL_CLINIC -> weighted(new double[] {0.08, 0.65, 0.25, 0.02});
                case PHARMACY -> weighted(new double[] {0.05, 0.70, 0.23, 0.02});
            };
            String[] systems = switch (type) {
                case HOSPITAL -> new String[] {"電子カルテ", "医事会計システム", "PACS"};
                case CLINIC -> new String[] {"電子カルテ", "レセコン", "検査システム"};
                case DENTAL_CLINIC -> new String[] {"歯科レセコン・電子カルテ", "歯科用画像システム", "予約システム"};
                case PHARMACY -> new String[] {"レセコン・電子薬歴", "調剤機器", "オンライン服薬指導システム"};
            };
            List<Vendor> list = new ArrayList<>();
            for (int i = 0; i < count; i++) list.add(vendor("合成システム事業者" + VENDOR_LETTERS[i] + "(架空)", systems[i]));
            return list;
        }

        private Vendor vendor(String name, String system) {
            Vendor v = new Vendor();
            v.setName(name);
            v.setSystem(system);
            v.setRemoteMaintenanceAsked(yn(0.1, p(0.5, 0.97)));
            if (Boolean.TRUE.equals(v.getRemoteMaintenanceAsked())) v.setRemoteMaintenanceUsed(yn(0.05, 0.65));
            v.setMdsSdsReceived(yn(0.2, p(0.15, 0.85)));
            if (Boolean.TRUE.equals(v.getMdsSdsReceived())) {
                v.setMdsSdsHasNo(yn(0.4, 0.35));
                if (Boolean.TRUE.equals(v.getMdsSdsHasNo())) v.setRiskAssessmentDocumented(yn(0.4, p(0.1, 0.7)));
            }
            v.setResponsibilitySplitWritten(yn(0.35, p(0.2, 0.85)));
            v.setIncidentTermsInContract(yn(0.4, p(0.15, 0.8)));
            v.setConfidentialityAgreed(yn(0.25, p(0.7, 0.98)));
            if (!gap(0.45)) {
                v.setCertification(rng.nextDouble() < p(0.15, 0.7)
                        ? pick(new VendorCertification[] {VendorCertification.PMARK, VendorCertification.ISMS, VendorCertification.BOTH})
                        : VendorCertification.NONE);
            }
            v.setDedicatedMaintenanceAccounts(yn(0.45, p(0.3, 0.85)));
            if (Boolean.TRUE.equals(v.getRemoteMaintenanceUsed())) v.setRemoteMaintenanceLogsReviewed(yn(0.45, p(0.1, 0.7)));
            v.setStoresData(yn(0.35, 0.3));
            if (Boolean.TRUE.equals(v.getStoresData())) v.setBackupTermsInSla(yn(0.4, p(0.3, 0.85)));
            if (present(0.5)) v.setContract(contract(v));

            // What the vendor told the facility, and the 事業者確認用 it returned (more often to larger facilities).
            boolean returned = rng.nextDouble() < 0.2 + 0.5 * maturity;
            if (rng.nextDouble() < (returned ? 0.85 : 0.15)) v.setReportedByVendor(reportedByVendor(v));
            if (returned && vendorForm != null) {
                DeclaredAnswers declared = declaredAnswers(vendorForm, 0.95, 0.88, 5, 150);
                if (declared != null) {
                    declared.setReceivedOn(declared.getAnswer().get(0).getCheckedOn().plusDays(rng.nextInt(1, 21)));
                    if (declared.getReceivedOn().isAfter(asOf)) declared.setReceivedOn(asOf);
                    // Now and then the form is in the drawer but its answers are not typed in yet.
                    if (rng.nextDouble() < 0.1) v.setVendorChecklistReceivedOn(declared.getReceivedOn());
                    else v.getDeclaredAnswers().add(declared);
                }
            }
            return v;
        }

        /** The contract clause by clause: more complete at mature facilities, often partly unanswered. */
        private VendorContract contract(Vendor v) {
            VendorContract c = new VendorContract();
            c.setDocumentName(pick(new String[] {"保守契約書", "サービス利用約款", "保守契約書・SLA"}) + "(架空)");
            if (!gap(0.3)) c.setSignedOn(daysBefore(200, 3000));
            if (!gap(0.5)) {
                LocalDate reviewed = daysBefore(10, 1500);
                c.setLastReviewed(c.getSignedOn() != null && reviewed.isBefore(c.getSignedOn()) ? c.getSignedOn() : reviewed);
            }
            c.setResponsibilitySplit(yn(0.3, p(0.2, 0.9)));
            if (Boolean.TRUE.equals(c.getResponsibilitySplit()) && !gap(0.4)) c.setResponsibilityCovers(v.getSystem() + "、院内LAN");
            c.setIncidentNotification(yn(0.3, p(0.2, 0.85)));
            if (Boolean.TRUE.equals(c.getIncidentNotification())) {
                if (rng.nextDouble() < p(0.2, 0.8)) c.setIncidentNotificationHours(pick(new int[] {1, 2, 4, 24}));
                if (rng.nextDouble() < p(0.2, 0.8)) c.setIncidentResponseHours(pick(new int[] {2, 4, 8, 24}));
            }
            if (Boolean.TRUE.equals(v.getStoresData())) {
                double q = p(0.3, 0.9);
                c.setBackupTarget(yn(0.4, q));
                c.setBackupFrequency(yn(0.4, q));
                c.setBackupGenerations(yn(0.4, q));
                c.setBackupMethod(yn(0.4, q));
                c.setBackupLocation(yn(0.4, q));
                c.setSecondaryUseProhibited(yn(0.4, p(0.4, 0.95)));
                if (!gap(0.4)) c.setDataLocation(rng.nextDouble() < p(0.4, 0.9) ? DataLocation.JAPAN
                        : pick(new DataLocation[] {DataLocation.ABROAD, DataLocation.NOT_STATED}));
                if (!gap(0.5)) c.setGoverningLaw(rng.nextDouble() < p(0.5, 0.95) ? GoverningLaw.JAPAN
                        : pick(new GoverningLaw[] {GoverningLaw.FOREIGN, GoverningLaw.NOT_STATED}));
            }
            c.setConfidentialityDuring(yn(0.25, p(0.6, 0.98)));
            if (Boolean.TRUE.equals(c.getConfidentialityDuring())) c.setConfidentialityAfter(yn(0.4, p(0.3, 0.9)));
            if (!gap(0.4)) c.setSubcontracting(rng.nextDouble() < p(0.3, 0.9)
                    ? pick(new Subcontracting[] {Subcontracting.PRIOR_CONSENT, Subcontracting.PROHIBITED}) : Subcontracting.SILENT);
            c.setDataReturnAtEnd(yn(0.4, p(0.3, 0.9)));
            c.setDataDeletionAtEnd(yn(0.4, p(0.3, 0.9)));
            c.setReadabilityIfVendorEnds(yn(0.5, p(0.1, 0.7)));
            c.setDeletionAfterMaintenance(yn(0.5, p(0.2, 0.8)));
            c.setSecurityUpdates(yn(0.4, p(0.3, 0.85)));
            return c;
        }

        private ReportedByVendor reportedByVendor(Vendor v) {
            ReportedByVendor r = new ReportedByVendor();
            // Mostly the same as the facility understood; now and then the two disagree (照合).
            Boolean used = v.getRemoteMaintenanceUsed();
            r.setRemoteMaintenanceUsed(used == null ? yn(0.2, 0.6) : Boolean.valueOf(rng.nextDouble() < 0.1 != used));
            r.setManagesPasswords(yn(0.2, 0.5));
            if (Boolean.TRUE.equals(r.getManagesPasswords())) {
                if (!gap(0.2)) r.setPasswordMinLength(pick(new int[] {8, 8, 10, 12, 13, 16, 16}));
                r.setPasswordMixedCharacters(yn(0.2, 0.85));
                r.setPasswordChangedPeriodically(yn(0.3, 0.5));
                r.setTwoFactorAuthentication(yn(0.3, p(0.1, 0.6)));
                r.setSamePasswordAtOtherSites(yn(0.3, 0.2));
            }
            return r;
        }

        /**
         * Answers written on a form: each cell on the printed form (not the gate, not the 照合 section) with probability
         * {@code share}, はい with probability {@code pYes} (いいえ with a target date), all checked on one day between
         * {@code minDays} and {@code maxDays} before the assessment. Null when no cell was answered.
         */
        private DeclaredAnswers declaredAnswers(Checklist on, double share, double pYes, int minDays, int maxDays) {
            DeclaredAnswers d = new DeclaredAnswers();
            d.setChecklist(on.getId());
            LocalDate checked = daysBefore(minDays, maxDays);
            for (Section section : on.getSection()) {
                if (Boolean.FALSE.equals(section.getOnForm())) continue;
                for (Item item : section.getItem()) {
                    for (Cell cell : item.getCell()) {
                        if (rng.nextDouble() >= share) continue;
                        DeclaredAnswer a = new DeclaredAnswer();
                        a.setItem(item.getNumber());
                        if (cell.getScope() != null) a.setScope(DeviceKind.fromValue(cell.getScope()));
                        boolean yes = rng.nextDouble() < pYes;
                        a.setValue(yes ? YesNo.はい : YesNo.いいえ);
                        a.setCheckedOn(checked);
                        if (!yes && rng.nextDouble() < 0.8) a.setTargetDate(LocalDate.of(Checklists.fiscalYear(asOf) + 1 + rng.nextInt(2), 3, 31));
                        d.getAnswer().add(a);
                    }
                }
            }
            return d.getAnswer().isEmpty() ? null : d;
        }

        private IncidentResponse incidentResponse() {
            IncidentResponse r = new IncidentResponse();
            r.setContactChart(yn(0.05, p(0.35, 0.95)));
            if (Boolean.TRUE.equals(r.getContactChart())) {
                // Whoever has the chart at hand can say who is on it: small gaps.
                r.setChartIncludesStaff(yn(0.04, p(0.92, 0.99)));
                r.setChartIncludesVendors(yn(0.05, p(0.8, 0.98)));
                r.setChartIncludesMhlw(yn(0.1, p(0.5, 0.95)));
                r.setChartIncludesPolice(yn(0.12, p(0.45, 0.93)));
                r.setChartIncludesPpc(yn(0.25, p(0.1, 0.8)));
            }
            return r.getContactChart() == null ? null : r;
        }

        private Backup backup() {
            Backup b = new Backup();
            b.setEssentialDataIdentified(yn(0.1, p(0.4, 0.95)));
            b.setPerformed(yn(0.05, p(0.7, 0.99)));
            if (Boolean.TRUE.equals(b.getPerformed())) {
                b.setRestoreProcedureConfirmed(yn(0.12, p(0.3, 0.9)));
                if (Boolean.TRUE.equals(b.getRestoreProcedureConfirmed()) && !gap(0.15)) b.setLastRestoreCheck(daysBefore(0, 600));
                if (!gap(0.4)) b.setGenerations(1 + (int) (maturity * 10 * rng.nextDouble() + 2 * rng.nextDouble()));
                if (!gap(0.4)) b.setMethods(1 + (rng.nextDouble() < p(0.1, 0.6) ? 1 : 0) + (rng.nextDouble() < 0.1 * maturity ? 1 : 0));
                b.setOfflineCopy(yn(type == FacilityType.HOSPITAL ? 0.35 : 0.5, p(0.15, 0.75)));
                if (!gap(0.55)) b.setLastRestoreTest(daysBefore(10, 900));
                else if (rng.nextDouble() < p(0.6, 0.1)) b.setNeverRestoreTested(true);
            }
            return any(b.getEssentialDataIdentified(), b.getPerformed()) ? b : null;
        }

        private BusinessContinuity businessContinuity() {
            BusinessContinuity c = new BusinessContinuity();
            c.setCyberAttackBcp(yn(0.08, p(0.1, 0.85)));
            if (Boolean.TRUE.equals(c.getCyberAttackBcp())) {
                if (!gap(0.35)) c.setLastReviewed(daysBefore(0, 800));
                c.setContinuationCriteria(yn(0.35, p(0.4, 0.9)));
                if (!gap(0.45)) c.setLastDrill(daysBefore(15, 730));
                else if (rng.nextDouble() < p(0.6, 0.1)) c.setNeverDrilled(true);
            }
            return c.getCyberAttackBcp() == null ? null : c;
        }

        private MedicalRecordsAddon medicalRecordsAddon() {
            if (gap(0.05)) return null;
            MedicalRecordsAddon a = new MedicalRecordsAddon();
            double r = rng.nextDouble();
            double one = 0.05 + 0.45 * size;
            String level = r < one ? "1" : r < one + 0.45 ? "2" : r < one + 0.55 ? "3" : "none";
            if (level.equals("3") && asOf.isBefore(ADDON_3_FROM)) level = "2";
            a.setLevel(level);
            if (!level.equals("none") && !gap(0.3)) {
                LocalDate registered = daysBefore(0, 3650);
                // 加算3 exists only from the 令和6年度 revision.
                if (level.equals("3") && registered.isBefore(ADDON_3_FROM)) registered = ADDON_3_FROM.plusDays(rng.nextInt(1 + (int) (asOf.toEpochDay() - ADDON_3_FROM.toEpochDay())));
                a.setRegisteredOn(registered);
            }
            return a;
        }

        private Staff staff() {
            if (!present(0.25)) return null;
            Staff s = new Staff();
            s.setConfidentialityInContracts(yn(0.2, p(0.5, 0.97)));
            s.setTrainingAtHire(yn(0.25, p(0.3, 0.9)));
            if (!gap(0.35)) s.setLastTraining(daysBefore(0, (int) (300 + 600 * (1 - maturity))));
            else if (rng.nextDouble() < p(0.5, 0.05)) s.setNeverTrained(true);
            return any(s.getConfidentialityInContracts(), s.getTrainingAtHire(), s.getLastTraining()) ? s : null;
        }

        private AccountRules accountRules() {
            if (!present(0.25)) return null;
            AccountRules a = new AccountRules();
            a.setIndividualIds(yn(0.15, p(0.3, 0.95)));
            return a.getIndividualIds() == null ? null : a;
        }

        private DeviceOperation deviceOperation() {
            if (!present(0.4)) return null;
            DeviceOperation d = new DeviceOperation();
            d.setUnusedDevicesStopped(yn(0.3, p(0.4, 0.9)));
            d.setStoppedOutsideWorkingHours(yn(0.35, p(0.2, 0.7)));
            return any(d.getUnusedDevicesStopped(), d.getStoppedOutsideWorkingHours()) ? d : null;
        }

        private VulnerabilityManagement vulnerabilityManagement() {
            if (!present(0.4)) return null;
            VulnerabilityManagement v = new VulnerabilityManagement();
            v.setInformationCollected(yn(0.3, p(0.1, 0.8)));
            return v.getInformationCollected() == null ? null : v;
        }

        private MaintenanceOutsourcing maintenanceOutsourcing() {
            if (!present(0.5)) return null;
            MaintenanceOutsourcing m = new MaintenanceOutsourcing();
            m.setVendorsUpdateAllServers(yn(0.3, type == FacilityType.HOSPITAL ? 0.1 : 0.3));
            if (Boolean.TRUE.equals(m.getVendorsUpdateAllServers())) m.setWrittenInContract(yn(0.3, 0.6));
            return m.getVendorsUpdateAllServers() == null ? null : m;
        }

        private Systems systems(List<Vendor> vendors) {
            if (!present(0.4)) return null;
            List<String> names = new ArrayList<>();
            if (vendors != null) vendors.forEach(v -> names.add(v.getSystem()));
            if (names.isEmpty()) names.add(type == FacilityType.PHARMACY ? "レセコン" : "電子カルテ");
            Systems s = new Systems();
            for (String name : names) {
                InformationSystem i = new InformationSystem();
                i.setName(name);
                LocalDate introduced = gap(0.2) ? null : daysBefore(30, 3650);
                i.setIntroducedOn(introduced);
                if (!gap(0.4)) {
                    LocalDate from = introduced != null ? introduced : asOf.minusYears(3);
                    i.setPlannedUntil(from.plusYears(5 + rng.nextInt(4)).withMonth(3).withDayOfMonth(31));
                }
                i.setTwoFactorAuthentication(yn(0.15, p(0.03, 0.5)));
                if (Boolean.FALSE.equals(i.getTwoFactorAuthentication())) i.setTwoFactorAtNextRenewal(yn(0.4, p(0.2, 0.7)));
                // Most systems share the facility-wide answers; a few (often departmental ones) are answered apart.
                if (rng.nextDouble() < 0.15) i.setBackupPerformed(rng.nextDouble() < p(0.3, 0.9));
                if (rng.nextDouble() < 0.1) i.setAccessLogKept(rng.nextDouble() < p(0.3, 0.9));
                s.getSystem().add(i);
            }
            return s;
        }

        private Network network() {
            if (!present(0.3)) return null;
            Network n = new Network();
            n.setExternalConnection(yn(0.05, 0.93));
            n.setSegmented(yn(0.25, p(0.3, 0.9)));
            n.setPerimeterMonitored(yn(0.35, p(0.15, 0.85)));
            n.setIntrusionDetection(yn(0.4, p(0.05, 0.6)));
            if (!Boolean.FALSE.equals(n.getExternalConnection())) {
                // オンライン資格確認 runs over IP-VPN/IPsec; other links use TLS.
                if (rng.nextDouble() < 0.35) {
                    n.setEncryptedByIpsec(yn(0.3, 0.9));
                } else if (!gap(0.5)) {
                    double r = rng.nextDouble();
                    n.setMinimumTlsVersion(r < 0.03 ? "1.0" : r < 0.08 ? "1.1" : r < 0.8 ? "1.2" : "1.3");
                }
            }
            return any(n.getExternalConnection(), n.getSegmented(), n.getPerimeterMonitored(), n.getIntrusionDetection(),
                    n.getMinimumTlsVersion(), n.getEncryptedByIpsec()) ? n : null;
        }

        private WirelessLan wirelessLan(Boolean used) {
            if (used == null) return null;
            WirelessLan w = new WirelessLan();
            w.setUsed(used);
            if (used) {
                w.setAnyConnectionRejected(yn(0.35, p(0.3, 0.9)));
                w.setAccessControlled(yn(0.3, p(0.3, 0.9)));
            }
            return w;
        }

        private AccessLogs accessLogs() {
            if (!present(type == FacilityType.HOSPITAL ? 0.2 : 0.45)) return null;
            AccessLogs l = new AccessLogs();
            l.setRecordsLoginTime(yn(0.25, p(0.6, 0.98)));
            l.setRecordsDuration(yn(0.35, p(0.4, 0.9)));
            l.setRecordsRecordsAccessed(yn(0.35, p(0.4, 0.95)));
            if (!gap(0.5)) l.setLastReviewed(daysBefore(0, 700));
            else if (rng.nextDouble() < p(0.6, 0.1)) l.setNeverReviewed(true);
            l.setTamperProtected(yn(0.45, p(0.2, 0.8)));
            l.setClocksSynchronised(yn(0.35, p(0.5, 0.95)));
            return any(l.getRecordsLoginTime(), l.getRecordsDuration(), l.getRecordsRecordsAccessed(), l.getLastReviewed(),
                    l.getTamperProtected(), l.getClocksSynchronised()) ? l : null;
        }

        private MedicalDevices medicalDevices() {
            // Hospitals list their networked medical devices; other facilities mostly say they have none, or skip it.
            String[] names;
            int count;
            switch (type) {
                case HOSPITAL -> {
                    if (!present(0.15)) return null;
                    names = new String[] {"CT装置の操作端末", "PACS", "生化学自動分析装置", "MRI装置の操作端末", "超音波診断装置",
                            "内視鏡システム", "透析用監視装置"};
                    count = StrictMath.min(names.length, 1 + (int) (size * 5) + rng.nextInt(2));
                }
                case CLINIC -> {
                    if (rng.nextDouble() < 0.5) return null;
                    names = new String[] {"X線画像システム", "超音波診断装置"};
                    count = rng.nextDouble() < 0.2 ? 1 + rng.nextInt(2) : 0;
                }
                case DENTAL_CLINIC -> {
                    if (rng.nextDouble() < 0.5) return null;
                    names = new String[] {"歯科用デジタルX線装置", "歯科用CT"};
                    count = rng.nextDouble() < 0.3 ? 1 + rng.nextInt(2) : 0;
                }
                default -> {
                    if (rng.nextDouble() < 0.6) return null;
                    names = new String[0];
                    count = 0;
                }
            }
            MedicalDevices m = new MedicalDevices();
            for (int i = 0; i < count; i++) {
                MedicalDevice d = new MedicalDevice();
                d.setName(names[i]);
                d.setSbomObtained(yn(0.4, p(0.05, 0.5)));
                d.setMds2Obtained(yn(0.35, p(0.15, 0.75)));
                if (!gap(0.35)) d.setEndOfSupport(asOf.plusDays(rng.nextInt(-3 * 365, 8 * 365)));
                if (d.getEndOfSupport() == null || d.getEndOfSupport().isBefore(asOf.plusYears(1))) {
                    d.setReplacementPlanned(yn(0.3, p(0.3, 0.8)));
                    d.setIsolated(yn(0.35, p(0.3, 0.85)));
                }
                m.getMedicalDevice().add(d);
            }
            return m;
        }

        private Incidents incidents() {
            // Absent (未回答) for some; most say none; a few percent had one.
            if (!present(0.3)) return null;
            Incidents list = new Incidents();
            if (rng.nextDouble() >= (type == FacilityType.HOSPITAL ? 0.06 : 0.025)) return list;
            Incident i = new Incident();
            int kind = rng.nextInt(4);
            i.setName(new String[] {"端末1台のランサムウェア感染", "職員のメールアカウントへの不正ログインと迷惑メールの送信",
                    "患者情報を含むUSBメモリの紛失", "サーバ障害による電子カルテの停止"}[kind]);
            LocalDate found = daysBefore(10, 700);
            i.setDiscoveredOn(found);
            boolean malicious = kind <= 1;
            i.setMalicious(malicious);
            boolean leaked = kind == 2 || (malicious && rng.nextDouble() < 0.5);
            i.setPersonalDataLeaked(leaked);
            i.setCareDisrupted(kind == 3 || (kind == 0 && rng.nextDouble() < 0.6));
            // Ransomware damages the records (毀損) whether or not it also leaks them; a lost stick is 滅失 or 漏えい.
            boolean affected = leaked || kind == 0;
            i.setPersonalDataAffected(affected);
            if (affected) i.setKind(kind == 0 && !leaked ? IncidentKind.DAMAGE : kind == 2 ? IncidentKind.LOSS : IncidentKind.LEAK);
            if (kind == 2 && rng.nextDouble() < 0.3) {
                i.setHighGradeEncryption(true);
                i.setKeyKeptApart(rng.nextDouble() < 0.8 ? Boolean.TRUE : rng.nextDouble() < 0.5 ? Boolean.FALSE : null);
            }
            if (malicious && rng.nextDouble() < 0.4) i.setMalicious(null); // not yet known whether it was an attack
            if (malicious && rng.nextDouble() < 0.8) i.setVendorReportedOn(onOrBeforeAsOf(found.plusDays(rng.nextInt(2))));
            if (malicious && rng.nextDouble() < 0.4) i.setPoliceReportedOn(onOrBeforeAsOf(found.plusDays(rng.nextInt(10))));
            if (Boolean.TRUE.equals(i.getCareDisrupted()) && rng.nextDouble() < 0.3) i.setPublicHealthCentreReportedOn(onOrBeforeAsOf(found.plusDays(rng.nextInt(7))));
            if (affected) {
                if (rng.nextDouble() < 0.85) i.setPpcPreliminaryReportedOn(onOrBeforeAsOf(found.plusDays(1 + rng.nextInt(rng.nextDouble() < 0.8 ? 5 : 20))));
                if (i.getPpcPreliminaryReportedOn() != null && rng.nextDouble() < 0.8) {
                    i.setPpcFinalReportedOn(onOrBeforeAsOf(found.plusDays(15 + rng.nextInt(malicious ? 70 : 40))));
                }
                if (rng.nextDouble() < 0.7) i.setPatientsNotifiedOn(onOrBeforeAsOf(found.plusDays(3 + rng.nextInt(40))));
                else if (rng.nextDouble() < 0.3) i.setPubliclyAnnouncedOn(onOrBeforeAsOf(found.plusDays(3 + rng.nextInt(40))));
            }
            if ((malicious || Boolean.TRUE.equals(i.getCareDisrupted())) && rng.nextDouble() < 0.75) {
                i.setMhlwReportedOn(onOrBeforeAsOf(found.plusDays(rng.nextInt(5))));
            }
            list.getIncident().add(i);
            return list;
        }

        // --- draws ----------------------------------------------------------------------------------------

        /**
         * A yes/no fact of one device. Devices of one facility are mostly set up alike (one vendor, one policy): the
         * first device's answer is the facility's, and each further device keeps it four times in five.
         */
        private Boolean shared(String fact, double gapRate, double pYes) {
            if (policy.containsKey(fact) && rng.nextDouble() < 0.8) return policy.get(fact);
            Boolean answer = yn(gapRate, pYes);
            policy.putIfAbsent(fact, answer);
            return answer;
        }

        /** A yes/no fact: absent with the fact's gap rate (scaled for this facility), else yes with pYes. */
        private Boolean yn(double gapRate, double pYes) {
            if (gap(gapRate)) return null;
            return rng.nextDouble() < pYes;
        }

        private boolean gap(double rate) {
            return rng.nextDouble() < StrictMath.min(0.95, rate * gapScale);
        }

        /** Whether an element is answered at all (the newer guideline facts are more often left out). */
        private boolean present(double gapRate) {
            return !gap(gapRate);
        }

        /** From lo for the least mature facility to hi for the most. */
        private double p(double lo, double hi) {
            return lo + (hi - lo) * maturity;
        }

        private LocalDate daysBefore(int min, int max) {
            return asOf.minusDays(min + rng.nextInt(max - min + 1));
        }

        private LocalDate onOrBeforeAsOf(LocalDate date) {
            return date.isAfter(asOf) ? null : date;
        }

        private <T> T pick(T[] values) {
            return values[rng.nextInt(values.length)];
        }

        private int pick(int[] values) {
            return values[rng.nextInt(values.length)];
        }

        private int weighted(double[] weights) {
            double r = rng.nextDouble();
            for (int i = 0; i < weights.length - 1; i++) {
                if (r < weights[i]) return i;
                r -= weights[i];
            }
            return weights.length - 1;
        }

        /** Standard normal by Box–Muller with StrictMath (reproducible on every JVM). */
        private double gaussian() {
            double u = 1.0 - rng.nextDouble(); // (0, 1]
            double v = rng.nextDouble();
            return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
        }
    }

    private static double clamp(double x, double lo, double hi) {
        return StrictMath.max(lo, StrictMath.min(hi, x));
    }

    private static boolean any(Object... values) {
        for (Object v : values) if (v != null) return true;
        return false;
    }
}
