package dev.rolelab.cloud;

import dev.rolelab.lab.ResourceKind;

/** Something in the account that carries the {@code rolelab:lab} tag. */
public record TaggedResource(ResourceKind kind, String name, String id, String labId) { }
