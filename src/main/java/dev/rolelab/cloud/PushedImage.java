package dev.rolelab.cloud;

import java.time.Instant;

/** An image in ECR as DescribeImages shows it. */
public record PushedImage(String tag, String digest, long sizeBytes, Instant pushedAt) { }
