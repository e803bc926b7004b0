package dev.rolelab.cloud.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.rolelab.cloud.aws.IamEvaluation.Request;
import dev.rolelab.lab.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the calls WireMock saw into the authorizations AWS makes for them: each call's IAM action(s),
 * the resource ARN(s) and the context keys (request tags, the resource's tags, instance type, the
 * role's service...), including the extra checks AWS adds (tag on create, iam:PassRole).
 *
 * <p>It remembers what the calls created (ARNs with their IAM paths, tags, the role in each
 * instance profile, the AMIs SSM named) the way the account would, so a later call on a resource is
 * judged with that resource's tags. A call it does not know fails: a new call RoleLab makes must be
 * added here, and so be held against the policy.
 */
final class WireAuthorizations {

    private static final Pattern TAG_SPEC = Pattern.compile("TagSpecification\\.(\\d+)\\.Tag\\.(\\d+)\\.Key");

    private final String region;
    private final String account;
    private final String ec2Principal;
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final Map<String, String> roles = new HashMap<>();
    private final Map<String, String> profiles = new HashMap<>();
    private final Map<String, String> roleInProfile = new HashMap<>();
    private final Map<String, String> amazonImages = new HashMap<>();

    WireAuthorizations(String region, String account, String ec2Principal) {
        this.region = region;
        this.account = account;
        this.ec2Principal = ec2Principal;
    }

    /** Every AWS call in the journal, oldest first, as the authorizations AWS makes for it. */
    Map<String, List<Request>> of(List<ServeEvent> journal) {
        List<ServeEvent> calls = new ArrayList<>(journal);
        Collections.reverse(calls);
        Map<String, List<Request>> out = new LinkedHashMap<>();
        int n = 0;
        for (ServeEvent e : calls) {
            if (!"POST".equals(e.getRequest().getMethod().getName()) || !"/".equals(e.getRequest().getUrl())) {
                continue; // not an AWS API call (the public-IP check)
            }
            String target = e.getRequest().getHeader("X-Amz-Target");
            String response = e.getResponse().getBodyAsString();
            List<Request> auth;
            String name;
            if (target != null) {
                name = target.substring(target.indexOf('.') + 1);
                auth = json(target.startsWith("AmazonSSM") ? "ssm" : "ecr", name, read(e.getRequest().getBodyAsString()), response);
            } else {
                Map<String, String> form = form(e.getRequest().getBodyAsString());
                name = form.get("Action");
                auth = query(form, response);
            }
            out.put(++n + " " + name, auth);
        }
        return out;
    }

    private static JsonNode read(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    String ec2Arn(String resource) {
        return "arn:aws:ec2:" + region + ":" + account + ":" + resource;
    }

    String iamArn(String resource) {
        return "arn:aws:iam::" + account + ":" + resource;
    }

    String repositoryArn(String name) {
        return "arn:aws:ecr:" + region + ":" + account + ":repository/" + name;
    }

    private String role(String name) {
        return roles.getOrDefault(name, iamArn("role/" + name));
    }

    private String profile(String name) {
        return profiles.getOrDefault(name, iamArn("instance-profile/" + name));
    }

    /** A call on an existing resource: its tags are in the context as aws:ResourceTag/KEY. */
    private Request on(String action, String arn, Map<String, List<String>> extra) {
        Map<String, List<String>> context = new LinkedHashMap<>(extra);
        tags.getOrDefault(arn, Map.of()).forEach((k, v) -> context.put("aws:ResourceTag/" + k, List.of(v)));
        return new Request(action, arn, context);
    }

    private Request on(String action, String arn) {
        return on(action, arn, Map.of());
    }

    /** A create: the tags the request carries are in the context as aws:RequestTag/KEY and aws:TagKeys. */
    private static Request creating(String action, String arn, Map<String, String> requestTags, Map<String, List<String>> extra) {
        Map<String, List<String>> context = new LinkedHashMap<>(extra);
        requestTags.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
        if (!requestTags.isEmpty()) {
            context.put("aws:TagKeys", List.copyOf(requestTags.keySet()));
        }
        return new Request(action, arn, context);
    }

    private static Request any(String action) {
        return new Request(action, "*", Map.of());
    }

    private List<Request> query(Map<String, String> f, String response) {
        String action = f.get("Action");
        String version = f.getOrDefault("Version", "");
        return switch (version) {
            case "2011-06-15" -> switch (action) {
                case "GetCallerIdentity" -> List.of(any("sts:GetCallerIdentity"));
                default -> unknown("sts", action);
            };
            case "2010-05-08" -> iam(action, f);
            case "2016-11-15" -> ec2(action, f, response);
            default -> throw new AssertionError("a query call of an unknown service: " + f);
        };
    }

    private static List<Request> unknown(String service, String action) {
        throw new AssertionError("RoleLab made " + service + ":" + action + ", which this test does not map to IAM actions yet:"
                + " add it, so the runner's policy is held against it");
    }

    private static Map<String, String> iamTags(Map<String, String> f) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; f.containsKey("Tags.member." + i + ".Key"); i++) {
            out.put(f.get("Tags.member." + i + ".Key"), f.getOrDefault("Tags.member." + i + ".Value", ""));
        }
        return out;
    }

    private List<Request> iam(String action, Map<String, String> f) {
        String path = f.getOrDefault("Path", "/");
        Map<String, String> t = iamTags(f);
        return switch (action) {
            case "CreatePolicy" -> created("iam:CreatePolicy", "iam:TagPolicy", iamArn("policy" + path + f.get("PolicyName")), t);
            case "CreateRole" -> {
                String arn = iamArn("role" + path + f.get("RoleName"));
                roles.put(f.get("RoleName"), arn);
                yield created("iam:CreateRole", "iam:TagRole", arn, t);
            }
            case "CreateInstanceProfile" -> {
                String arn = iamArn("instance-profile" + path + f.get("InstanceProfileName"));
                profiles.put(f.get("InstanceProfileName"), arn);
                yield created("iam:CreateInstanceProfile", "iam:TagInstanceProfile", arn, t);
            }
            case "AttachRolePolicy", "DetachRolePolicy" -> List.of(on("iam:" + action, role(f.get("RoleName")),
                    Map.of("iam:PolicyARN", List.of(f.get("PolicyArn")))));
            case "AddRoleToInstanceProfile" -> {
                roleInProfile.put(f.get("InstanceProfileName"), f.get("RoleName"));
                // the IAM API reference: "The caller of this operation must be granted the PassRole permission on the IAM role"
                yield List.of(on("iam:AddRoleToInstanceProfile", profile(f.get("InstanceProfileName"))),
                        on("iam:PassRole", role(f.get("RoleName")), Map.of("iam:PassedToService", List.of(ec2Principal),
                                "iam:AssociatedResourceArn", List.of("arn:aws:ec2:*:" + account + ":instance/*"))));
            }
            case "RemoveRoleFromInstanceProfile", "DeleteInstanceProfile", "GetInstanceProfile", "ListInstanceProfileTags" ->
                    List.of(on("iam:" + action, profile(f.get("InstanceProfileName"))));
            case "DeleteRole", "GetRole", "ListRoleTags" -> List.of(on("iam:" + action, role(f.get("RoleName"))));
            case "DeletePolicy", "ListPolicyTags" -> List.of(on("iam:" + action, f.get("PolicyArn")));
            case "ListPolicies", "ListRoles", "ListInstanceProfiles", "SimulateCustomPolicy" -> List.of(any("iam:" + action));
            case "SimulatePrincipalPolicy" -> List.of(on("iam:SimulatePrincipalPolicy", f.get("PolicySourceArn")));
            default -> unknown("iam", action);
        };
    }

    /** A create with tags: AWS also checks the tagging action (tag on create), with the same request tags. */
    private List<Request> created(String create, String tag, String arn, Map<String, String> requestTags) {
        tags.put(arn, requestTags);
        List<Request> out = new ArrayList<>(List.of(creating(create, arn, requestTags, Map.of())));
        if (!requestTags.isEmpty()) {
            out.add(creating(tag, arn, requestTags, Map.of()));
        }
        return out;
    }

    /** TagSpecification.N: resource type → its tags. */
    private static Map<String, Map<String, String>> tagSpecifications(Map<String, String> f) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : f.entrySet()) {
            Matcher m = TAG_SPEC.matcher(e.getKey());
            if (m.matches()) {
                String type = f.get("TagSpecification." + m.group(1) + ".ResourceType");
                out.computeIfAbsent(type, k -> new LinkedHashMap<>())
                        .put(e.getValue(), f.getOrDefault("TagSpecification." + m.group(1) + ".Tag." + m.group(2) + ".Value", ""));
            }
        }
        return out;
    }

    private static String element(String xml, String name) {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    private List<Request> ec2(String action, Map<String, String> f, String response) {
        Map<String, Map<String, String>> spec = tagSpecifications(f);
        return switch (action) {
            case "DescribeVpcs", "DescribeSubnets", "DescribeInstanceTypeOfferings", "DescribeSecurityGroups", "DescribeKeyPairs",
                 "DescribeInstances", "CreateDefaultVpc" -> List.of(any("ec2:" + action));
            case "CreateSecurityGroup" -> {
                String id = element(response, "groupId");
                Map<String, String> t = spec.getOrDefault("security-group", Map.of());
                if (id != null) {
                    tags.put(ec2Arn("security-group/" + id), t);
                }
                List<Request> out = new ArrayList<>(List.of(creating("ec2:CreateSecurityGroup", ec2Arn("security-group/*"), t, Map.of()),
                        on("ec2:CreateSecurityGroup", ec2Arn("vpc/" + f.get("VpcId")))));
                out.addAll(tagOnCreate(action, spec));
                yield out;
            }
            case "ImportKeyPair", "CreateKeyPair" -> {
                Map<String, String> t = spec.getOrDefault("key-pair", Map.of());
                tags.put(ec2Arn("key-pair/" + f.get("KeyName")), t);
                List<Request> out = new ArrayList<>(List.of(creating("ec2:" + action, ec2Arn("key-pair/*"), t, Map.of())));
                out.addAll(tagOnCreate(action, spec));
                yield out;
            }
            case "AuthorizeSecurityGroupIngress", "DeleteSecurityGroup" -> List.of(on("ec2:" + action, ec2Arn("security-group/" + f.get("GroupId"))));
            case "DeleteKeyPair" -> List.of(on("ec2:DeleteKeyPair", ec2Arn("key-pair/" + f.get("KeyName"))));
            case "GetConsoleOutput" -> List.of(on("ec2:GetConsoleOutput", ec2Arn("instance/" + f.get("InstanceId"))));
            case "TerminateInstances" -> {
                List<Request> out = new ArrayList<>();
                for (int i = 1; f.containsKey("InstanceId." + i); i++) {
                    out.add(on("ec2:TerminateInstances", ec2Arn("instance/" + f.get("InstanceId." + i))));
                }
                yield out;
            }
            case "CreateTags" -> {
                // CreateTags on its own (not inside a create): no ec2:CreateAction in the context
                Map<String, String> t = new LinkedHashMap<>();
                for (int i = 1; f.containsKey("Tag." + i + ".Key"); i++) {
                    t.put(f.get("Tag." + i + ".Key"), f.getOrDefault("Tag." + i + ".Value", ""));
                }
                List<Request> out = new ArrayList<>();
                for (int i = 1; f.containsKey("ResourceId." + i); i++) {
                    String id = f.get("ResourceId." + i);
                    String arn = ec2Arn((id.startsWith("i-") ? "instance/" : id.startsWith("sg-") ? "security-group/" : "volume/") + id);
                    Request r = on("ec2:CreateTags", arn);
                    Map<String, List<String>> context = new LinkedHashMap<>(r.context());
                    t.forEach((k, v) -> context.put("aws:RequestTag/" + k, List.of(v)));
                    out.add(new Request(r.action(), arn, context));
                }
                yield out;
            }
            case "RunInstances" -> runInstances(f, spec, response);
            default -> unknown("ec2", action);
        };
    }

    /** Tags in a create's TagSpecifications: AWS checks ec2:CreateTags on each, with ec2:CreateAction set to the create. */
    private List<Request> tagOnCreate(String createAction, Map<String, Map<String, String>> spec) {
        List<Request> out = new ArrayList<>();
        spec.forEach((type, t) -> out.add(creating("ec2:CreateTags", ec2Arn(type + "/*"), t,
                Map.of("ec2:CreateAction", List.of(createAction)))));
        return out;
    }

    /**
     * RunInstances: the Service Authorization Reference's required resources (image, instance,
     * network-interface, security-group, subnet) plus the volume and key pair it uses, the role the
     * instance profile holds (iam:PassRole, to EC2) and the tags it puts on (tag on create).
     */
    private List<Request> runInstances(Map<String, String> f, Map<String, Map<String, String>> spec, String response) {
        List<Request> out = new ArrayList<>();
        Map<String, List<String>> instance = new LinkedHashMap<>();
        instance.put("ec2:InstanceType", List.of(f.get("InstanceType")));
        instance.put("ec2:MetadataHttpTokens", List.of(f.getOrDefault("MetadataOptions.HttpTokens", "optional")));
        String profileName = f.get("IamInstanceProfile.Name");
        if (profileName != null) {
            instance.put("ec2:InstanceProfile", List.of(profile(profileName)));
        }
        out.add(creating("ec2:RunInstances", ec2Arn("instance/*"), spec.getOrDefault("instance", Map.of()), instance));
        out.add(creating("ec2:RunInstances", ec2Arn("volume/*"), spec.getOrDefault("volume", Map.of()), Map.of()));
        out.add(creating("ec2:RunInstances", ec2Arn("network-interface/*"), spec.getOrDefault("network-interface", Map.of()), Map.of()));
        String image = f.get("ImageId");
        String owner = amazonImages.getOrDefault(image, "210987654321");
        out.add(on("ec2:RunInstances", "arn:aws:ec2:" + region + "::image/" + image, Map.of("ec2:Owner", List.of(owner))));
        out.add(on("ec2:RunInstances", ec2Arn("subnet/" + f.get("NetworkInterface.1.SubnetId"))));
        for (int i = 1; f.containsKey("NetworkInterface.1.SecurityGroupId." + i); i++) {
            out.add(on("ec2:RunInstances", ec2Arn("security-group/" + f.get("NetworkInterface.1.SecurityGroupId." + i))));
        }
        if (f.containsKey("KeyName")) {
            out.add(on("ec2:RunInstances", ec2Arn("key-pair/" + f.get("KeyName"))));
        }
        if (profileName != null) {
            // a profile the journal never filled: as the console makes them, holding the role of its name
            String roleName = roleInProfile.getOrDefault(profileName, profileName);
            out.add(on("iam:PassRole", role(roleName), Map.of("iam:PassedToService", List.of(ec2Principal))));
        }
        out.addAll(tagOnCreate("RunInstances", spec));
        String id = element(response, "instanceId");
        if (id != null) {
            tags.put(ec2Arn("instance/" + id), spec.getOrDefault("instance", Map.of()));
        }
        return out;
    }

    private List<Request> json(String service, String operation, JsonNode body, String response) {
        if ("ssm".equals(service)) {
            if (!"GetParameter".equals(operation)) {
                return unknown("ssm", operation);
            }
            String name = body.path("Name").asText();
            if (name.startsWith("/aws/service/ami-amazon-linux-latest/")) {
                // AWS's public parameter: the AMI it names is Amazon's own
                String ami = read(response).path("Parameter").path("Value").asText();
                amazonImages.put(ami, "amazon");
            }
            return List.of(on("ssm:GetParameter", "arn:aws:ssm:" + region + "::parameter" + name));
        }
        return switch (operation) {
            case "CreateRepository" -> {
                Map<String, String> t = new LinkedHashMap<>();
                body.path("tags").forEach(tag -> t.put(tag.path("Key").asText(), tag.path("Value").asText()));
                yield created("ecr:CreateRepository", "ecr:TagResource", repositoryArn(body.path("repositoryName").asText()), t);
            }
            case "DescribeRepositories" -> {
                List<Request> out = new ArrayList<>();
                body.path("repositoryNames").forEach(n -> out.add(on("ecr:DescribeRepositories", repositoryArn(n.asText()))));
                yield out.isEmpty() ? List.of(on("ecr:DescribeRepositories", repositoryArn("*"))) : out;
            }
            case "DescribeImages", "DeleteRepository" -> List.of(on("ecr:" + operation, repositoryArn(body.path("repositoryName").asText())));
            case "ListTagsForResource" -> List.of(on("ecr:ListTagsForResource", body.path("resourceArn").asText()));
            default -> unknown("ecr", operation);
        };
    }

    /** A call that is not in the journal (the denied cases): mapped the same way, against the account as the journal left it, changing nothing. */
    List<Request> query(String body) {
        return copy().query(form(body), "");
    }

    List<Request> json(String service, String operation, String body) {
        return copy().json(service, operation, read(body), "{}");
    }

    private WireAuthorizations copy() {
        WireAuthorizations c = new WireAuthorizations(region, account, ec2Principal);
        tags.forEach((arn, t) -> c.tags.put(arn, new LinkedHashMap<>(t)));
        c.roles.putAll(roles);
        c.profiles.putAll(profiles);
        c.roleInProfile.putAll(roleInProfile);
        c.amazonImages.putAll(amazonImages);
        return c;
    }
}
