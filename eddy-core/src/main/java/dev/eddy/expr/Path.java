package dev.eddy.expr;

import java.util.List;

/** PLACEHOLDER until the expression branch merges. */
public record Path(List<Object> elements) {
}
