package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.cloud.aws.AwsCloud;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.PolicyReview;
import dev.rolelab.lab.Problem;
import dev.rolelab.run.Preflight;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The checks {@code plan} and {@code up} share. First {@link #beforeAnyCall}: everything the command line alone can
 * tell (region, endpoint, profile, every name, the files, the options that contradict or are ignored), before
 * any network call in either mode; then {@link #validate}: the rules again on the final spec, the edited policy
 * (it needs the account), then name clashes.
 */
final class Checks {
    private Checks() { }

    /**
     * Refuses (exit 2, nothing created, no call made) what the command line alone shows to be wrong; prints
     * warnings for what it ignores.
     *
     * @param draft        the spec from {@link LabOptions#draft}; its SSH range may still be {@code auto}
     * @param knownRegions the regions this version knows (read locally, no call)
     * @param extra        the command's own cross-option problems
     */
    static void beforeAnyCall(Connection c, LabSpec draft, boolean cidrDetectedLater, Set<String> knownRegions,
                              List<Problem> extra, PrintWriter err) {
        List<Problem> problems = new ArrayList<>(connection(c, draft.region(), knownRegions, AwsCloud::profiles));
        for (Problem p : new LabRules(knownRegions).check(draft)) {
            if (!(cidrDetectedLater && p.field().equals("cidr")) && !problems.contains(p)) {
                // warnings of the spec's own rules are printed once, by validate
                if (p.isError()) {
                    problems.add(p);
                }
            }
        }
        problems.addAll(extra);
        if (LabRules.hasErrors(problems)) {
            throw new InvalidInput(problems);
        }
        printWarnings(problems, err);
    }

    /** The endpoint, before the cloud is even wired to it (a refused URL is never repeated with its password). */
    static void beforeWiring(Connection c) {
        if (c.endpointUrl != null && !c.practice) {
            endpointUrl(c.endpointUrl).filter(Problem::isError).ifPresent(p -> {
                throw new InvalidInput(List.of(p));
            });
        }
    }

    /** Region, endpoint and profile: checked before the cloud is asked anything, in practice mode too. */
    static List<Problem> connection(Connection c, String region, Set<String> knownRegions, Supplier<Map<String, Boolean>> profiles) {
        List<Problem> out = new ArrayList<>();
        new LabRules(knownRegions).region(region).ifPresent(out::add);
        if (c.endpointUrl != null) {
            endpointUrl(c.endpointUrl).ifPresent(out::add);
            if (c.practice) {
                out.add(Problem.warning("endpoint-url", "is ignored in practice mode: nothing leaves this computer"));
            }
        }
        if (c.profile != null) {
            if (c.practice) {
                out.add(Problem.warning("profile", "is ignored in practice mode: the simulated account needs no credentials"));
            } else if (c.profile.isBlank() || !c.profile.equals(c.profile.strip()) || !LabRules.shown(c.profile).equals("'" + c.profile + "'")) {
                out.add(Problem.error("profile", LabRules.shown(c.profile) + " is not a profile name (no spaces around it, no control characters)"));
            } else if (!profiles.get().containsKey(c.profile)) {
                // name the profile, never the files' content: they may hold keys
                out.add(Problem.error("profile", "there is no profile named '" + c.profile + "' in your AWS config or credentials file; "
                        + "`aws configure list-profiles` lists the ones there (`aws configure sso --profile " + c.profile + "` or "
                        + "`aws configure --profile " + c.profile + "` creates it)"));
            }
        }
        return out;
    }

    /**
     * An endpoint is kept in the lab's ledger (so {@code down} reaches the same place): it must not carry a
     * user name or password, and it is an http(s) URL with a host.
     */
    static Optional<Problem> endpointUrl(String text) {
        URI uri;
        try {
            uri = text.contains("@") ? null : URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            return Optional.of(Problem.error("endpoint-url", LabRules.shown(text) + " is not a URL"));
        }
        // an AWS endpoint has no use for @: whatever precedes it is a user name or a password
        if (uri == null || uri.getRawUserInfo() != null) {
            // never echo the URL: the part before @ is a password
            return Optional.of(Problem.error("endpoint-url", "carries a user name or password (user:password@host); RoleLab keeps the "
                    + "endpoint in the lab's ledger and would keep the password with it. Give the URL without it; credentials come from your AWS profile "
                    + "or environment"));
        }
        if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            return Optional.of(Problem.error("endpoint-url", LabRules.shown(text) + " needs http:// or https:// and a host, e.g. http://127.0.0.1:4566"));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of(Problem.error("endpoint-url", "must not have a query or a fragment (?… or #…); give the scheme, host and port only"));
        }
        return Optional.empty();
    }

    static void validate(LabSpec spec, Cloud cloud, String account, Executor executor, PrintWriter err) {
        List<Problem> problems = new ArrayList<>(new LabRules(cloud.knownRegions()).check(spec));
        if (spec.permissionsPolicy() != null) {
            String repoArn = PolicyDocuments.repositoryArn(cloud.regions().partition(spec.region()), spec.region(), account, spec.names().repository());
            for (Problem p : PolicyReview.check(spec.permissionsPolicy(), repoArn).problems()) {
                problems.add(fromPolicyFile(p));
            }
        }
        if (LabRules.hasErrors(problems)) {
            throw new InvalidInput(problems);
        }
        problems.addAll(new Preflight(cloud, executor).check(spec));
        if (LabRules.hasErrors(problems)) {
            throw new InvalidInput(problems);
        }
        printWarnings(problems, err);
    }

    /**
     * The policy review speaks of the wizard's policy editor ("policy"); on the command line the text came from
     * --policy-file. Quoted fragments of the file (a parser's "Unrecognized token 'secret'") are not repeated.
     */
    static Problem fromPolicyFile(Problem p) {
        if (!p.field().equals("policy")) {
            return p;
        }
        String message = java.util.regex.Pattern.compile("'(null|true|false)'|'[^']*'").matcher(p.message())
                .replaceAll(m -> m.group(1) != null ? m.group() : "'…'").replace("press \"Reset to generated\" to start again", "give a JSON policy document");
        Problem out = p.isError() ? Problem.error("policy-file", message) : Problem.warning("policy-file", message);
        return p.line() > 0 ? out.atLine(p.line()) : out;
    }

    static void printWarnings(List<Problem> problems, PrintWriter err) {
        for (Problem p : problems) {
            if (!p.isError()) {
                err.println("rolelab: warning: --" + p.field() + ": " + p.message() + (p.line() > 0 ? " (line " + p.line() + ")" : ""));
            }
        }
    }
}
