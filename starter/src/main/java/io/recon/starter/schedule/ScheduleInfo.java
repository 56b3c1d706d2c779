package io.recon.starter.schedule;

/** A schedule as {@code recon schedule list} shows it. */
public record ScheduleInfo(
    String name,
    String spec,
    String cron,
    ScheduleBackend backend,
    String workflowId,
    boolean active,
    String createdAt) {}
