package dev.rolelab.practice;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instance types the practice account offers: a small part of EC2's catalogue, every family and size a
 * real one (each is a value of the SDK's {@code InstanceType}, which a test checks). What is not here does
 * not exist for practice, so practice refuses it as AWS refuses a type it does not know: DescribeInstanceTypeOfferings
 * finds no zone for it, RunInstances answers InvalidParameterValue.
 */
public final class PracticeCatalogue {

    private static final List<String> BURSTABLE = List.of("nano", "micro", "small", "medium", "large", "xlarge", "2xlarge");
    private static final List<String> GRAVITON = List.of("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "metal");
    private static final List<String> FLEX = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge");
    private static final List<String> SEVENTH = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "48xlarge", "metal-24xl", "metal-48xl");
    private static final List<String> SIXTH = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge",
            "32xlarge", "metal");
    private static final List<String> FIFTH = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "metal");

    /** Family to sizes, as EC2 names them. */
    private static final Map<String, List<String>> FAMILIES = Map.ofEntries(
            Map.entry("t2", BURSTABLE),
            Map.entry("t3", BURSTABLE),
            Map.entry("t3a", BURSTABLE),
            Map.entry("t4g", BURSTABLE),
            Map.entry("m4", List.of("large", "xlarge", "2xlarge", "4xlarge", "10xlarge", "16xlarge")),
            Map.entry("m5", FIFTH),
            Map.entry("m6i", SIXTH),
            Map.entry("m6g", GRAVITON),
            Map.entry("m7i", SEVENTH),
            Map.entry("m7i-flex", FLEX),
            Map.entry("m7g", GRAVITON),
            Map.entry("c5", List.of("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge", "metal")),
            Map.entry("c6i", SIXTH),
            Map.entry("c6g", GRAVITON),
            Map.entry("c7i", SEVENTH),
            Map.entry("c7i-flex", FLEX),
            Map.entry("c7g", GRAVITON),
            Map.entry("r5", FIFTH),
            Map.entry("r6i", SIXTH),
            Map.entry("r6g", GRAVITON),
            Map.entry("r7i", SEVENTH));

    private static final java.util.SortedSet<String> TYPES = build();

    /** The zones of every practice region, each with one default subnet; every type here is offered in each. */
    static final List<String> ZONES = List.of("a", "b", "c");

    private PracticeCatalogue() { }

    private static java.util.SortedSet<String> build() {
        TreeSet<String> out = new TreeSet<>();
        FAMILIES.forEach((family, sizes) -> sizes.forEach(size -> out.add(family + "." + size)));
        return java.util.Collections.unmodifiableSortedSet(out);
    }

    /** Every instance type practice offers, in order. */
    public static Set<String> types() {
        return TYPES;
    }

    /** Whether EC2 in practice has this type (exact spelling: EC2's names are lower case). */
    public static boolean offers(String instanceType) {
        return instanceType != null && TYPES.contains(instanceType);
    }
}
