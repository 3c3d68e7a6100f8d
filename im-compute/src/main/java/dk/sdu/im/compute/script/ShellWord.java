package dk.sdu.im.compute.script;

import java.util.ArrayList;
import java.util.List;

/**
 * One word of the command line (or one exported value), as pieces: literal text, which bash must see
 * single-quoted, and references to environment variables, which it must expand inside double quotes. The
 * pieces are glued without space, so the word stays one argument whatever it contains.
 */
record ShellWord(List<Piece> pieces) {
    ShellWord {
        pieces = List.copyOf(pieces);
    }

    sealed interface Piece {
    }

    /** Text that must arrive as it is. */
    record Literal(String text) implements Piece {
    }

    /** {@code ${name}}, the name already checked to be an identifier. */
    record Variable(String name) implements Piece {
    }

    static ShellWord literal(String text) {
        return new ShellWord(List.of(new Literal(text)));
    }

    static ShellWord variable(String name) {
        return new ShellWord(List.of(new Variable(name)));
    }

    /** The words joined by one space into a single word (for environment values and directives). */
    static ShellWord joined(List<ShellWord> words) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0) {
                append(pieces, new Literal(" "));
            }
            words.get(i).pieces().forEach(p -> append(pieces, p));
        }
        return new ShellWord(pieces);
    }

    /** Bash text for this word: {@code 'literal'} and {@code "${NAME}"} pieces side by side. */
    String bash() {
        if (pieces.isEmpty()) {
            return "''";
        }
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            switch (piece) {
                case Literal l -> out.append(ShellQuote.word(l.text()));
                case Variable v -> out.append("\"${").append(v.name()).append("}\"");
            }
        }
        return out.toString();
    }

    /** The literal text, for sbatch, which expands no variables; {@code what} names the directive. */
    String literalText(String what) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            switch (piece) {
                case Literal l -> out.append(l.text());
                case Variable v -> throw new ScriptException(
                        "sbatch directive '" + what + "' refers to environment variable " + v.name()
                                + ", which sbatch does not expand");
            }
        }
        return out.toString();
    }

    private static void append(List<Piece> pieces, Piece piece) {
        int last = pieces.size() - 1;
        if (piece instanceof Literal next && last >= 0 && pieces.get(last) instanceof Literal prev) {
            pieces.set(last, new Literal(prev.text() + next.text()));
        } else {
            pieces.add(piece);
        }
    }
}
