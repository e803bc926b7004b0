package dev.rolelab.cli;

import dev.rolelab.lab.Problem;
import java.util.List;

/** Input the CLI cannot use: printed to stderr (option and rule), exit code 2, nothing created. */
final class InvalidInput extends RuntimeException {
    private final List<Problem> problems;

    InvalidInput(List<Problem> problems) {
        super(problems.toString(), null, false, false);
        this.problems = problems;
    }

    InvalidInput(String field, String message) {
        this(List.of(Problem.error(field, message)));
    }

    List<Problem> problems() {
        return problems;
    }
}
