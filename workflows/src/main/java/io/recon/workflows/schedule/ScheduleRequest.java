package io.recon.workflows.schedule;

import io.recon.core.spec.JobSpec;

/** The input of every run of a cron schedule: the job and the schedule's name. */
public record ScheduleRequest(JobSpec spec, String scheduleName) {}
