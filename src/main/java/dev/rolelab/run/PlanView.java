package dev.rolelab.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rolelab.lab.Json;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.ResourceKind;
import dev.rolelab.lab.Step;
import dev.rolelab.lab.TeardownOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a lab will create, as one value: shown by {@code rolelab plan} (text or JSON) and by the wizard's
 * review page. Built from the spec alone; creates nothing.
 */
public record PlanView(String region, String account, List<Resource> resources, JsonNode permissionsPolicy,
                       JsonNode trustPolicy, SshRule securityGroupRule, InstanceView instance,
                       List<StepView> steps, List<String> teardownOrder, String hourlyCost) {

    public record Resource(String kind, String title, String name) { }

    public record SshRule(String protocol, int port, String cidr) { }

    public record InstanceView(String type, String architecture, String amiParameter, String keyPair, String keyMode) { }

    public record StepView(String step, String title, List<String> needs) { }

    /** On-demand prices in us-east-1 (late 2026); other regions differ by a few percent. */
    static String hourlyCost(String instanceType) {
        String compute = switch (instanceType) {
            case "t3.micro" -> "0.0104";
            case "t3.small" -> "0.0208";
            case "t3.nano" -> "0.0052";
            case "t4g.micro" -> "0.0084";
            case "t4g.small" -> "0.0168";
            case "t2.micro" -> "0.0116";
            default -> null;
        };
        return (compute == null ? "see the EC2 price list for " + instanceType : "about $" + compute + "/h for " + instanceType)
                + " + $0.005/h public IPv4 + ~$0.001/h for the 8 GiB disk; the image in ECR costs well under a cent; IAM is free";
    }

    /** @param partition the region's partition: the ARNs and the trust policy's EC2 principal follow it */
    public static PlanView of(LabSpec spec, String account, dev.rolelab.lab.Partition partition) {
        List<Resource> resources = new ArrayList<>();
        for (Step s : Step.topological()) {
            ResourceKind k = s.creates();
            if (k == null || k == ResourceKind.KEY_PAIR && !spec.key().createsKeyPair()) {
                continue;
            }
            String name = switch (k) {
                case POLICY_ATTACHMENT -> spec.names().policy() + " → " + spec.names().role();
                case ROLE_IN_PROFILE -> spec.names().role() + " → " + spec.names().instanceProfile();
                case KEY_PAIR -> spec.key().name();
                default -> spec.names().of(k);
            };
            resources.add(new Resource(k.name(), k.title(), name));
        }
        JsonNode permissions;
        try {
            permissions = spec.permissionsPolicy() != null ? Json.MAPPER.readTree(spec.permissionsPolicy())
                    : PolicyDocuments.permissions(partition, spec.region(), account, spec.names().repository());
        } catch (IOException e) {
            throw new UncheckedIOException("the permissions policy is not valid JSON", e);
        }
        List<StepView> steps = Step.topological().stream()
                .map(s -> new StepView(s.name(), s.title(), s.needs().stream().map(Enum::name).toList())).toList();
        List<String> teardown = TeardownOrder.ORDER.stream().map(ResourceKind::title).toList();
        return new PlanView(spec.region(), account, resources, permissions, PolicyDocuments.trust(partition),
                new SshRule("tcp", 22, spec.sshCidr()),
                new InstanceView(spec.instanceType(), spec.architecture().awsName(), spec.architecture().amiParameter(),
                        spec.key().name(), spec.key().mode().name().toLowerCase()),
                steps, teardown, hourlyCost(spec.instanceType()));
    }
}
