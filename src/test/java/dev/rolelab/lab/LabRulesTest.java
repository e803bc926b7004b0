package dev.rolelab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabRulesTest {

    static final LabRules RULES = new LabRules(Set.of("us-east-1", "eu-west-1", "cn-north-1"));

    static LabSpec valid() {
        return LabSpec.builder().sshCidr("203.0.113.7/32").build();
    }

    private static void ok(Optional<Problem> p) {
        assertTrue(p.isEmpty(), () -> "unexpected: " + p.get());
    }

    private static void bad(Optional<Problem> p, String field, String... words) {
        assertTrue(p.isPresent(), "expected a problem for " + field);
        assertEquals(field, p.get().field());
        assertTrue(p.get().isError());
        for (String w : words) {
            assertTrue(p.get().message().contains(w), p.get().message() + " lacks " + w);
        }
    }

    @Test
    void theTutorialDefaultsAreValid() {
        assertEquals(List.of(), RULES.check(valid()));
    }

    @Test
    void regions() {
        ok(RULES.region("eu-west-1"));
        bad(RULES.region("eu-west-9"), "region", "eu-west-9");
        bad(RULES.region("US-EAST-1"), "region");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec2-ecr-test", "ab", "team/app", "a.b_c-d", "x/y/z"})
    void goodRepositories(String name) {
        ok(LabRules.repository(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Ec2", "ends-", "-starts", "dou--ble/..", "sp ace", "a//b", "trailing/"})
    void badRepositories(String name) {
        bad(LabRules.repository(name), "repository");
    }

    @Test
    void repositoryLength() {
        ok(LabRules.repository("a".repeat(256)));
        bad(LabRules.repository("a".repeat(257)), "repository", "2 to 256");
    }

    @Test
    void iamNames() {
        ok(LabRules.iamName("role", "containerise", 64));
        ok(LabRules.iamName("role", "a+b=c,d.e@f_g-h", 64));
        ok(LabRules.iamName("role", "r".repeat(64), 64));
        bad(LabRules.iamName("role", "r".repeat(65), 64), "role", "1 to 64");
        ok(LabRules.iamName("policy", "p".repeat(128), 128));
        bad(LabRules.iamName("policy", "p".repeat(129), 128), "policy", "128");
        bad(LabRules.iamName("instance-profile", "with space", 128), "instance-profile", "letters");
        bad(LabRules.iamName("role", "slash/no", 64), "role");
        bad(LabRules.iamName("role", "", 64), "role");
    }

    @Test
    void securityGroups() {
        ok(LabRules.securityGroup("ec2-ecr-test"));
        ok(LabRules.securityGroup("My group (SSH) #1"));
        bad(LabRules.securityGroup("sg-mine"), "security-group", "sg-");
        bad(LabRules.securityGroup("SG-mine"), "security-group", "sg-");
        bad(LabRules.securityGroup("x".repeat(256)), "security-group", "255");
        bad(LabRules.securityGroup("tab\there"), "security-group");
        bad(LabRules.securityGroup("ünïcode"), "security-group");
    }

    @Test
    void keyPairs() {
        ok(LabRules.keyPair("rolelab-ec2-ecr-test"));
        ok(LabRules.keyPair("my key (laptop)"));
        bad(LabRules.keyPair(""), "key");
        bad(LabRules.keyPair("k".repeat(256)), "key", "255");
        bad(LabRules.keyPair("clé"), "key", "ASCII");
    }

    @Test
    void instanceNames() {
        ok(LabRules.instanceName("ec2-ecr-test"));
        bad(LabRules.instanceName("aws:reserved"), "instance-name", "aws:");
        bad(LabRules.instanceName(""), "instance-name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t3.micro", "t4g.micro", "m7gd.2xlarge", "u-6tb1.metal", "c5.large"})
    void goodInstanceTypes(String type) {
        ok(LabRules.instanceType(type));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t3", "T3.micro", "t3.", ".micro", "t3 micro", "t3.micro.big"})
    void badInstanceTypes(String type) {
        bad(LabRules.instanceType(type), "instance-type", "family.size");
    }

    /** A type the least-privilege policy of `rolelab permissions` does not allow is said at plan time, not met at RunInstances. */
    @Test
    void aTypeBeyondThePermissionsPolicyIsAWarningThatNamesIt() {
        List<Problem> problems = RULES.check(valid().toBuilder().instanceType("m5.large").build());
        Problem p = problems.stream().filter(x -> x.field().equals("instance-type")).findFirst().orElseThrow(() -> new AssertionError(problems));
        assertFalse(p.isError(), p.message());
        assertTrue(p.message().contains("rolelab permissions") && p.message().contains("t3.micro") && p.message().contains("UnauthorizedOperation"),
                p.message());
        for (String offered : RunnerPolicy.INSTANCE_TYPES) {
            assertTrue(RULES.check(valid().toBuilder().instanceType(offered).build()).stream().noneMatch(x -> x.field().equals("instance-type")),
                    offered);
        }
    }

    @Test
    void nanoIsAllowedWithAWarning() {
        Problem p = LabRules.instanceType("t3.nano").orElseThrow();
        assertFalse(p.isError());
        assertTrue(p.message().contains("memory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-test", "hello", "my_app", "a__b", "org/app", "a.b-c", "x---y"})
    void goodImages(String name) {
        ok(LabRules.image(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hello", "-x", "x-", "a_._b", "sp ace", "a:b", "x/"})
    void badImages(String name) {
        bad(LabRules.image(name), "image", "lowercase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "latest", "_x", "1.0.0-rc.1", "A_b"})
    void goodTags(String tag) {
        ok(LabRules.tag(tag));
    }

    @Test
    void badTags() {
        bad(LabRules.tag(".v1"), "tag");
        bad(LabRules.tag("-v1"), "tag");
        bad(LabRules.tag("v:1"), "tag");
        bad(LabRules.tag(""), "tag");
        ok(LabRules.tag("t".repeat(128)));
        bad(LabRules.tag("t".repeat(129)), "tag");
    }

    @Test
    void dockerfiles() {
        ok(LabRules.dockerfile(LabSpec.TUTORIAL_DOCKERFILE));
        ok(LabRules.dockerfile("# syntax=docker/dockerfile:1\nARG V=3\nfrom alpine:${V}\n"));
        bad(LabRules.dockerfile(""), "dockerfile", "empty");
        bad(LabRules.dockerfile("  \n\n"), "dockerfile", "empty");
        bad(LabRules.dockerfile("RUN echo hi\nCMD x"), "dockerfile", "FROM");
        bad(LabRules.dockerfile("# FROM alpine"), "dockerfile", "FROM");
    }

    @Test
    void cidrs() {
        assertEquals(List.of(), LabRules.cidr("203.0.113.7/32", false));
        // an IPv6 address parses, but is refused: the instance has only a public IPv4 address, SSH could never connect
        List<Problem> v6 = LabRules.cidr("2001:db8::1/128", false);
        assertEquals(1, v6.size(), v6.toString());
        assertTrue(v6.get(0).isError() && v6.get(0).message().contains("only a public IPv4 address"), v6.toString());
        Problem wide = LabRules.cidr("203.0.113.0/24", false).get(0);
        assertFalse(wide.isError());
        assertTrue(wide.message().contains("256 addresses"), wide.message());
        assertFalse(LabRules.cidr("2001:db8::/64", false).get(0).isError());
        Problem open = LabRules.cidr("0.0.0.0/0", false).get(0);
        assertTrue(open.isError());
        assertTrue(open.message().contains("whole internet"));
        assertFalse(LabRules.cidr("0.0.0.0/0", true).get(0).isError());
        assertTrue(LabRules.cidr("::/0", false).get(0).isError());
        Problem noPrefix = LabRules.cidr("203.0.113.7", false).get(0);
        assertTrue(noPrefix.isError());
        assertTrue(noPrefix.message().contains("203.0.113.7/32"), noPrefix.message());
        assertTrue(LabRules.cidr("203.0.113.7/24", false).get(0).message().contains("203.0.113.0/24"));
        assertTrue(LabRules.cidr("203.0.113.7/33", false).get(0).isError());
        assertTrue(LabRules.cidr("256.0.0.1/32", false).get(0).isError());
        assertTrue(LabRules.cidr("1.2.3/32", false).get(0).isError());
        assertTrue(LabRules.cidr("01.2.3.4/32", false).get(0).isError());
        assertTrue(LabRules.cidr("example.com/32", false).get(0).isError());
        assertTrue(LabRules.cidr("2001:db8::1::2/128", false).get(0).isError());
        assertTrue(LabRules.cidr("2001:db8::/129", false).get(0).isError());
        assertTrue(LabRules.cidr("", false).get(0).message().contains("empty"));
    }

    @Test
    void everyFailureInASpecNamesItsField() {
        LabSpec bad = valid().toBuilder().region("mars-1").sshCidr("x").instanceType("big").image("UP").tag(".")
                .dockerfile("").name(ResourceKind.REPOSITORY, "A").name(ResourceKind.ROLE, "r".repeat(65))
                .name(ResourceKind.POLICY, "").name(ResourceKind.INSTANCE_PROFILE, "a b")
                .name(ResourceKind.SECURITY_GROUP, "sg-1").name(ResourceKind.INSTANCE, "aws:x").key(KeyChoice.generate("")).build();
        List<String> fields = RULES.check(bad).stream().filter(Problem::isError).map(Problem::field).toList();
        assertEquals(List.of("region", "cidr", "instance-type", "repository", "policy", "role", "instance-profile",
                "security-group", "instance-name", "key", "image", "tag", "dockerfile"), fields);
    }
}
