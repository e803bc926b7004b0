package dev.rolelab.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A terminal with a person who gives these answers in turn, and a record of what they were asked. */
final class ScriptedTerminal implements Terminal {
    private final Deque<String> answers;
    final List<String> questions = new ArrayList<>();

    ScriptedTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public synchronized String ask(String question) {
        questions.add(question);
        return answers.poll();
    }
}
