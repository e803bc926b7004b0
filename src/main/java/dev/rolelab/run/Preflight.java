package dev.rolelab.run;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.KeyChoice;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.Problem;
import dev.rolelab.lab.ResourceKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Before anything is created: finds names that are already taken and proposes free ones. RoleLab never
 * adopts an existing resource, so a clash must be resolved by picking another name.
 */
public final class Preflight {

    /** A taken name and a free one to use instead. */
    public record Clash(ResourceKind kind, String name, String suggestion) {
        public Problem asProblem() {
            return Problem.error(field(kind), kind.titleWithArticle() + " named '" + name + "' already exists in this account"
                    + (suggestion == null ? "" : "; '" + suggestion + "' is free"));
        }
    }

    private final Cloud cloud;
    private final Executor executor;

    public Preflight(Cloud cloud, Executor executor) {
        this.cloud = cloud;
        this.executor = executor;
    }

    public List<Problem> check(LabSpec spec) {
        List<Problem> local = new ArrayList<>();
        ipv6Rule(spec.sshCidr()).ifPresent(local::add);
        if (!local.isEmpty()) {
            return local; // refused before any call: nothing about the names matters while SSH could not connect
        }
        Map<ResourceKind, CompletableFuture<Clash>> pending = new EnumMap<>(ResourceKind.class);
        for (ResourceKind kind : List.of(ResourceKind.REPOSITORY, ResourceKind.POLICY, ResourceKind.ROLE,
                ResourceKind.INSTANCE_PROFILE, ResourceKind.SECURITY_GROUP, ResourceKind.KEY_PAIR)) {
            if (kind == ResourceKind.KEY_PAIR && !spec.key().createsKeyPair()) {
                continue;
            }
            String name = spec.names().of(kind == ResourceKind.KEY_PAIR ? ResourceKind.KEY_PAIR : kind);
            String checked = kind == ResourceKind.KEY_PAIR ? spec.key().name() : name;
            pending.put(kind, CompletableFuture.supplyAsync(() -> clash(kind, checked), executor));
        }
        List<Problem> out = new ArrayList<>();
        pending.values().forEach(f -> {
            Clash c = f.join();
            if (c != null) {
                out.add(c.asProblem());
            }
        });
        if (spec.key().mode() == KeyChoice.Mode.EXISTING && !cloud.exists(ResourceKind.KEY_PAIR, spec.key().name())) {
            out.add(Problem.error("key", "there is no key pair named '" + spec.key().name() + "' in " + spec.region()));
        }
        return out;
    }

    /**
     * An IPv6 SSH rule is refused at plan time: the instance gets only a public IPv4 address (the default VPC's
     * subnets have no IPv6 CIDR, and RoleLab assigns none), so SSH over IPv6 would wait minutes and time out.
     */
    public static java.util.Optional<Problem> ipv6Rule(String cidr) {
        if (cidr == null || !cidr.contains(":")) {
            return java.util.Optional.empty();
        }
        // the field's own rules say it (LabRules.cidr); here only for a spec that did not pass them, e.g. from a ledger
        return LabRules.cidr(cidr, true).stream().filter(p -> p.isError()).findFirst();
    }

    /** The clash for one name, or null if it is free. */
    public Clash clash(ResourceKind kind, String name) {
        if (!cloud.exists(kind, name)) {
            return null;
        }
        for (int n = 2; n < 20; n++) {
            String candidate = name + "-" + n;
            if (!cloud.exists(kind, candidate)) {
                return new Clash(kind, name, candidate);
            }
        }
        return new Clash(kind, name, null);
    }

    public static String field(ResourceKind kind) {
        return switch (kind) {
            case REPOSITORY -> "repository";
            case POLICY -> "policy";
            case ROLE -> "role";
            case INSTANCE_PROFILE -> "instance-profile";
            case SECURITY_GROUP -> "security-group";
            case INSTANCE -> "instance-name";
            default -> "key";
        };
    }
}
