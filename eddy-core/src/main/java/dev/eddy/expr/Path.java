package dev.eddy.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A document path: a top-level attribute name followed by map keys and list indexes, for
 * example {@code a.b[3].c}. Paths in an expression handed out by this package are resolved:
 * every element is a real attribute name, never a {@code #placeholder}.
 *
 * <p>{@link #toString()} prints the path as DynamoDB does in its messages: {@code [a, b, [3], c]}.
 */
public record Path(List<Element> elements) {

    /** One step of a path. */
    public sealed interface Element {}

    /** A top-level attribute or a key of a map. */
    public record Name(String name) implements Element {
        public Name {
            Objects.requireNonNull(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A position in a list. */
    public record Index(int index) implements Element {
        @Override
        public String toString() {
            return "[" + index + "]";
        }
    }

    public Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.getFirst() instanceof Name)) {
            throw new IllegalArgumentException("a path starts with an attribute name: " + elements);
        }
    }

    /** A path of names only, e.g. {@code Path.of("a", "b")} for {@code a.b}. */
    public static Path of(String attribute, String... keys) {
        List<Element> elements = new ArrayList<>();
        elements.add(new Name(attribute));
        for (String key : keys) {
            elements.add(new Name(key));
        }
        return new Path(elements);
    }

    /** This path followed by one more element. */
    public Path then(Element element) {
        List<Element> longer = new ArrayList<>(elements);
        longer.add(element);
        return new Path(longer);
    }

    /** The name of the top-level attribute this path starts at. */
    public String attribute() {
        return ((Name) elements.getFirst()).name();
    }

    public int length() {
        return elements.size();
    }

    public Element get(int i) {
        return elements.get(i);
    }

    public Element last() {
        return elements.getLast();
    }

    /** The path without its last element, or null for a top-level attribute. */
    public Path parent() {
        return elements.size() == 1 ? null : new Path(elements.subList(0, elements.size() - 1));
    }

    /** True for a path that names a top-level attribute only. */
    public boolean isTopLevel() {
        return elements.size() == 1;
    }

    @Override
    public String toString() {
        return elements.stream().map(Element::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
