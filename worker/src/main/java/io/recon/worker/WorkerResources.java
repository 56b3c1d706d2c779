package io.recon.worker;

import com.mongodb.client.MongoClient;
import io.recon.core.config.ReconConfig;
import io.temporal.client.WorkflowClient;
import javax.sql.DataSource;

/** What a worker opened once and its activities share. The worker owns and closes them. */
public record WorkerResources(
    ReconConfig config,
    WorkflowClient client,
    DataSource source,
    DataSource store,
    MongoClient mongo) {}
