package dev.eddy.mapping;

import java.util.List;

/**
 * One page of ListEventSourceMappings.
 *
 * @param nextMarker where the next page starts; null on the last page
 */
public record MappingPage(List<Mapping> mappings, String nextMarker) {
    public MappingPage {
        mappings = List.copyOf(mappings);
    }
}
