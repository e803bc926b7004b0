package dev.rolelab.cli;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rolelab.lab.Json;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and mistaken input on the command line: refused with exit 2 before any call, nothing created. */
class CliInputTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path home;

    @TempDir
    Path files;

    /** A refusal as the user sees it: exit 2, the option named, no exception, nothing created. */
    private CliRun refused(String option, String... args) {
        CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.run(home, args), "it must not hang");
        assertEquals(2, r.exit(), r.err() + r.out());
        assertTrue(r.err().contains(option), option + " not named in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("Error:"), r.err());
        assertTrue(r.err().contains("Nothing was created"), r.err());
        assertFalse(Files.exists(home.resolve("labs")), "nothing may exist after a refusal");
        return r;
    }

    /** Real-AWS mode against WireMock: a refusal there must come before the first request. */
    private CliRun refusedBeforeAnyCall(String option, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint-url", wm.baseUrl(), "--cidr", "203.0.113.7/32"));
        CliRun r = refused(option, all.toArray(String[]::new));
        assertEquals(0, wm.getAllServeEvents().size(), "an AWS call was made before the input was checked");
        return r;
    }

    /** sweep checks --region like plan does, before any call: an unknown region is not "nothing tagged" there. */
    @Test
    void sweepRefusesAnUnknownRegionBeforeAnyCall() {
        for (String[] args : List.of(new String[] {"sweep", "--practice", "--region", "mars-1"},
                new String[] {"sweep", "--region", "eu-west-9", "--endpoint-url", wm.baseUrl()})) {
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.run(home, args));
            assertEquals(2, r.exit(), r.err() + r.out());
            assertTrue(r.err().contains("--region") && !r.out().contains("Nothing tagged"), r.err() + r.out());
        }
        assertEquals(0, wm.getAllServeEvents().size(), "an AWS call was made before the region was checked");
    }

    /** A bad --key-name is named as --key-name (what the person typed), not as --key. */
    @Test
    void aBadKeyNameIsNamedAsKeyName() {
        CliRun r = refusedBeforeAnyCall("--key-name", "up", "--key-name", "k\u202e");
        assertFalse(r.err().contains("--key:"), r.err());
    }

    // --cidr

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/7", "::/1", "2000::/3", "2001:d00::/24"})
    void aRangeWiderThanASlash8OrASlash32NeedsTheSameConsentAsTheWholeInternet(String cidr) {
        CliRun r = refused("--cidr", "plan", "--practice", "--cidr", cidr);
        assertTrue(r.err().contains("--yes-open-ssh"), r.err());
        CliRun consented = CliRun.run(home, "plan", "--practice", "--json", "--cidr", cidr, "--yes-open-ssh");
        if (cidr.contains(":")) {
            // consent does not make IPv6 reachable: the instance has only a public IPv4 address
            assertEquals(2, consented.exit(), consented.err());
            assertTrue(consented.err().contains("is an IPv6 range"), consented.err());
        } else {
            assertEquals(0, consented.exit(), consented.err());
            assertTrue(consented.err().contains("warning: --cidr"), consented.err());
        }
    }

    @Test
    void aSlash8IsAWarningOnly() {
        CliRun r = CliRun.run(home, "plan", "--practice", "--json", "--cidr", "10.0.0.0/8");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: --cidr"), r.err());
    }

    @Test
    void theCidrIsStoredAsParsedNotAsTyped() throws Exception {
        CliRun plan = CliRun.run(home, "plan", "--practice", "--json", "--cidr", " 203.0.113.7/032\n");
        assertEquals(0, plan.exit(), plan.err());
        assertEquals("203.0.113.7/32", Json.MAPPER.readTree(plan.out()).path("securityGroupRule").path("cidr").asText());

        CliRun up = CliRun.run(home, "up", "--practice", "--keep", "--cidr", "203.0.113.9/032\n");
        assertEquals(0, up.exit(), up.err());
        Matcher m = Pattern.compile("Lab id: (lab-[0-9a-f]{8})").matcher(up.out());
        assertTrue(m.find(), up.out());
        String ledger = Files.readString(home.resolve("labs").resolve(m.group(1) + ".json"));
        assertTrue(ledger.contains("\"203.0.113.9/32\""), ledger);
        assertFalse(ledger.contains("/032") || ledger.contains("/32\\n"), ledger);
        assertEquals(0, CliRun.run(home, "down").exit());
    }

    @Test
    void yesOpenSshWithoutAnOpenRangeIsWarnedAbout() {
        CliRun r = CliRun.run(home, "plan", "--practice", "--json", "--cidr", "203.0.113.7/32", "--yes-open-ssh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: --yes-open-ssh"), r.err());
    }

    // names

    @ParameterizedTest
    @ValueSource(strings = {"web\nLab lab-00000000 READY", "\u001b[31mred", "tab\there", "bell\u0007", "rtl\u202Eevil", "cr\rline"})
    void namesRejectControlCharactersNewlinesAndEscapes(String name) {
        CliRun r = refused("--instance-name", "plan", "--practice", "--instance-name", name);
        assertFalse(r.err().contains("\u001b") || r.err().contains("\r") || r.err().contains("\u202E"), "the name reached the terminal raw: " + r.err());
        assertFalse(r.err().contains("\nLab lab-00000000"), "the name started a line of its own: " + r.err());
    }

    @Test
    void lengthsAreCountedInCharactersAsAwsCountsThem() {
        String smile = "\uD83D\uDE00"; // one character, two UTF-16 units
        CliRun fits = CliRun.run(home, "plan", "--practice", "--json", "--instance-name", smile.repeat(256));
        assertEquals(0, fits.exit(), fits.err());
        CliRun tooLong = refused("--instance-name", "plan", "--practice", "--instance-name", smile.repeat(257));
        assertTrue(tooLong.err().contains("(it is 257)"), tooLong.err());
    }

    /** A type that is not family.size, or a subnet id not of AWS's form, is input: exit 2 before any call, nothing made. */
    @ParameterizedTest
    @ValueSource(strings = {"t9", "T3.micro", "t3.micro.big", "t3 micro", "t3.", ".huge"})
    void aMalformedInstanceTypeIsRefusedAsInputBeforeAnyCall(String type) {
        refused("--instance-type", "up", "--practice", "--instance-type", type, "-y");
        refusedBeforeAnyCall("--instance-type", "up", "--instance-type", type, "-y");
    }

    @Test
    void aMalformedSubnetIsRefusedByUpAsInputBeforeAnyCall() {
        CliRun r = refused("--subnet", "up", "--practice", "--subnet", "subnet-nope", "-y");
        assertTrue(r.err().contains("subnet-nope"), r.err());
        refusedBeforeAnyCall("--subnet", "up", "--subnet", "subnet-nope", "-y");
    }

    // --subnet, --region, --profile, --endpoint-url

    @ParameterizedTest
    @ValueSource(strings = {"subnet-xyz", "subnet-0A1B2C3D", "subnet-0a1b2c3", "sg-0a1b2c3d", "subnet-0a1b2c3d4e5f6789", "subnet-0a1b2c3d\n"})
    void aSubnetIsSubnetAndEightOrSeventeenHexDigits(String subnet) {
        refused("--subnet", "plan", "--practice", "--subnet", subnet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mars-1", "US-EAST-1", "us-east-1\n", "us-east-1; rm -rf", "eu-west-9"})
    void theRegionIsCheckedBeforeAnyCallInRealMode(String region) {
        refusedBeforeAnyCall("--region", "plan", "--region", region);
        refused("--region", "plan", "--practice", "--region", region);
    }

    @Test
    void anUnknownProfileIsNamedWithoutTheProfileFile() throws Exception {
        Path config = files.resolve("config");
        Files.writeString(config, "[profile work]\nregion = eu-west-1\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n");
        String before = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", config.toString());
        try {
            CliRun r = refusedBeforeAnyCall("--profile", "plan", "--region", "us-east-1", "--profile", "nosuch");
            assertTrue(r.err().contains("'nosuch'"), r.err());
            assertFalse(r.err().contains("wJalrXUtnFEMI") || r.err().contains("work") || r.err().contains("ProfileFile"), r.err());
        } finally {
            if (before == null) {
                System.clearProperty("aws.configFile");
            } else {
                System.setProperty("aws.configFile", before);
            }
        }
    }

    @Test
    void anEndpointWithAPasswordIsRefusedAndTheCredentialsAreNotRepeated() {
        CliRun r = refused("--endpoint-url", "plan", "--region", "us-east-1", "--cidr", "203.0.113.7/32",
                "--endpoint-url", "http://admin:hunter2@127.0.0.1:" + wm.getPort());
        assertFalse(r.err().contains("hunter2") || r.err().contains("admin"), r.err());
        assertEquals(0, wm.getAllServeEvents().size());
    }

    @Test
    void aMalformedEndpointWithAPasswordIsNotRepeatedEither() {
        CliRun r = refused("--endpoint-url", "plan", "--region", "us-east-1", "--cidr", "203.0.113.7/32",
                "--endpoint-url", "http://admin:hunter2@bad host:4566");
        assertFalse(r.err().contains("hunter2"), r.err());
    }

    @Test
    void practiceModeWarnsAboutTheOptionsItIgnores() {
        CliRun r = CliRun.run(home, "plan", "--practice", "--json", "--profile", "work", "--endpoint-url", "http://127.0.0.1:9");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("warning: --profile") && r.err().contains("warning: --endpoint-url"), r.err());
    }

    // files

    static Stream<Arguments> fileOptions() {
        return Stream.of(Arguments.of("--dockerfile"), Arguments.of("--policy-file"), Arguments.of("--key"));
    }

    private static String[] withFile(String option, Path file) {
        return option.equals("--key") ? new String[] {"up", "--practice", "--key", "existing:mine:" + file}
                : new String[] {"up", "--practice", option, file.toString()};
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aFifoIsRefusedAtOnceNotWaitedOn(String option) throws Exception {
        Path fifo = files.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        CliRun r = refused(option, withFile(option, fifo));
        assertTrue(r.err().contains("not a regular file"), r.err());
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aDeviceIsRefused(String option) {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        CliRun r = refused(option, withFile(option, Path.of("/dev/zero")));
        assertTrue(r.err().contains("not a regular file"), r.err());
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aFolderIsRefused(String option) {
        CliRun r = refused(option, withFile(option, files));
        assertTrue(r.err().contains("is a folder"), r.err());
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aFiftyMegabyteFileIsRefusedWithoutBeingRead(String option) throws Exception {
        Path big = files.resolve("big");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024);
        }
        CliRun r = refused(option, withFile(option, big));
        assertTrue(r.err().contains("52428800 bytes") && r.err().contains("KiB"), r.err());
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aByteOrderMarkIsRefused(String option) throws Exception {
        Path bom = files.resolve("bom");
        Files.write(bom, ("\uFEFF" + "FROM alpine:latest\n").getBytes(StandardCharsets.UTF_8));
        CliRun r = refused(option, withFile(option, bom));
        assertTrue(r.err().contains("byte order mark"), r.err());
    }

    @ParameterizedTest
    @MethodSource("fileOptions")
    void aFileWithoutReadPermissionIsRefused(String option) throws Exception {
        // root reads any file whatever its mode: this case cannot be made as root
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root: no read permission cannot be simulated");
        Path locked = files.resolve("locked");
        Files.writeString(locked, "FROM alpine:latest\n");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        CliRun r = refused(option, withFile(option, locked));
        assertTrue(r.err().contains("read permission"), r.err());
    }

    @Test
    void aPrivateKeyFileThatIsNoKeyIsRefused() throws Exception {
        Path notAKey = files.resolve("notes.txt");
        Files.writeString(notAKey, "secret-notes-content\n");
        CliRun r = refused("--key", "up", "--practice", "--key", "existing:mine:" + notAKey);
        assertFalse(r.err().contains("secret-notes-content"), r.err());
    }

    @Test
    void anUnparsablePolicyFileIsNamedAndItsContentIsNotEchoed() throws Exception {
        Path policy = files.resolve("policy.json");
        Files.writeString(policy, "AKIAIOSFODNN7EXAMPLE-s3cr3t {\"Version\": \"2012-10-17\"}");
        CliRun r = refused("--policy-file", "plan", "--practice", "--policy-file", policy.toString());
        assertFalse(r.err().contains("s3cr3t") || r.err().contains("AKIAIOSFODNN7EXAMPLE"), r.err());
        assertFalse(r.err().contains("rolelab: --policy:"), "the error must name --policy-file, not --policy: " + r.err());
        // said in a person's words, not the parser's ("Unrecognized token …: was expecting (JSON String, …")
        assertTrue(r.err().contains("a value on this line is not in double quotes") && !r.err().contains("was expecting"), r.err());
    }

    @Test
    void aPolicyOverIamsLimitIsRefused() throws Exception {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 700; i++) {
            actions.append(i == 0 ? "" : ",").append("\"ecr:Action").append(i).append('"');
        }
        Path policy = files.resolve("big-policy.json");
        Files.writeString(policy, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":\"*\"}]}");
        CliRun r = refused("--policy-file", "plan", "--practice", "--policy-file", policy.toString());
        assertTrue(r.err().contains("6,144"), r.err());
    }

    // options that contradict each other or that a mode ignores

    @Test
    void keepAndDownAfterContradict() {
        refused("--keep", "up", "--practice", "--keep", "--down-after");
        // given as -y, the message still names what was typed (it said only "--down-after", which nobody had typed)
        CliRun r = refused("--keep", "up", "--practice", "--keep", "-y");
        assertTrue(r.err().contains("-y"), r.err());
        assertFalse(r.err().contains("--keep: and"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "SHA256:short", "MD5:aa:bb", "SHA256:yWBQd16JQoweMGs4d9Z/IdCisR18wQyD3ewbzqgC2rc\n"})
    void aMalformedAcceptHostKeyIsRefused(String fingerprint) {
        refused("--accept-host-key", "up", "--practice", "--accept-host-key", fingerprint);
    }

    @Test
    void practiceFailOutsidePracticeIsRefusedBeforeAnyCall() {
        refusedBeforeAnyCall("--practice-fail", "up", "--region", "us-east-1", "--practice-fail", "push");
    }

    @Test
    void createDefaultVpcWithASubnetIsWarnedAbout() throws Exception {
        CliRun r = CliRun.run(home, "up", "--practice", "--down-after", "--create-default-vpc", "--subnet", "subnet-0a1b2c3d");
        assertTrue(r.err().contains("warning: --create-default-vpc"), r.err());
    }

    @Test
    void aWellFormedAcceptHostKeyStillRuns() throws Exception {
        CliRun r = CliRun.run(home, "up", "--practice", "--down-after", "--accept-host-key", "SHA256:yWBQd16JQoweMGs4d9Z/IdCisR18wQyD3ewbzqgC2rc");
        assertEquals(0, r.exit(), r.err());
    }
}
