package dev.rolelab.cli;

import dev.rolelab.cloud.Cloud;
import dev.rolelab.lab.LabRules;
import dev.rolelab.lab.LabSpec;
import dev.rolelab.lab.PolicyDocuments;
import dev.rolelab.lab.PolicyReview;
import dev.rolelab.lab.Problem;
import dev.rolelab.run.Preflight;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/** The checks {@code plan} and {@code up} share: the rules, the edited policy, then name clashes. */
final class Checks {
    private Checks() { }

    static void validate(LabSpec spec, Cloud cloud, String account, Executor executor, PrintWriter err) {
        List<Problem> problems = new ArrayList<>(new LabRules(cloud.knownRegions()).check(spec));
        if (spec.permissionsPolicy() != null) {
            String repoArn = PolicyDocuments.repositoryArn(cloud.regions().partition(spec.region()), spec.region(), account, spec.names().repository());
            problems.addAll(PolicyReview.check(spec.permissionsPolicy(), repoArn).problems());
        }
        if (LabRules.hasErrors(problems)) {
            throw new InvalidInput(problems);
        }
        problems.addAll(new Preflight(cloud, executor).check(spec));
        if (LabRules.hasErrors(problems)) {
            throw new InvalidInput(problems);
        }
        for (Problem p : problems) {
            err.println("rolelab: warning: --" + p.field() + ": " + p.message() + (p.line() > 0 ? " (line " + p.line() + ")" : ""));
        }
    }
}
