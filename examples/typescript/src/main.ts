// A service that runs one recon cycle end to end through Temporal, with no Java and no access to
// the recon store: start by spec name, follow `status`, decide through the `decide` update and the
// `approve` signal, and await the result. It prints one JSON line that sums up what happened.

import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowHandle } from '@temporalio/client';
import { createInterface } from 'node:readline';
import { ConfigError, Config, fromEnv, splitIds } from './config';
import {
  APPROVE_SIGNAL,
  CLOSED,
  CycleResult,
  CycleStatus,
  DECIDE_UPDATE,
  DecideRequest,
  DecisionSignal,
  HOLDING,
  STATUS_QUERY,
  StartInput,
  Verdict,
  WORKFLOW_TYPE,
  stateOf,
} from './contract';
import { cycleId } from './ids';

class Timeout extends Error {}
class CycleClosed extends Error {}

const QUERY_MILLIS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function log(message: string): void {
  process.stderr.write(`recon-ts: ${message}\n`);
}

/** Resolves with `promise`, or rejects once `deadline` (epoch millis) has passed. */
async function before<T>(deadline: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Timeout(`timed out waiting for ${what}`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** How the workflow ended, once it has: a bad start (UNKNOWN_SPEC, BAD_REQUEST) ends it at once. */
interface Ending {
  done: boolean;
  failure?: unknown;
  /** Settles when the workflow has ended, either way. */
  settled: Promise<null>;
}

/** Polls `status` until the cycle holds repairs for a decision (or closes, which is an error). */
async function awaitHeld(handle: WorkflowHandle, config: Config, deadline: number, end: Ending) {
  let last = 'not started';
  while (Date.now() < deadline) {
    if (end.done) {
      throw new CycleClosed(
        end.failure === undefined
          ? `the cycle ended without holding anything for approval`
          : `the cycle failed: ${failureMessage(end.failure)}`,
      );
    }
    try {
      // Each query is bounded on its own too, so that one unanswered query cannot hold the loop.
      const status = await before(
        Math.min(deadline, Date.now() + QUERY_MILLIS),
        'the status query',
        Promise.race([handle.query<CycleStatus>(STATUS_QUERY), end.settled]),
      );
      if (status === null) {
        continue; // the workflow ended: say how, above
      }
      const state = stateOf(status);
      if (state !== last) {
        log(`cycle ${handle.workflowId} is ${state}: ${status.message ?? ''}`);
        last = state;
      }
      if (HOLDING.has(state)) {
        return status;
      }
      if (CLOSED.has(state)) {
        throw new CycleClosed(`the cycle closed ${state} without holding anything for approval`);
      }
    } catch (e) {
      if (e instanceof CycleClosed) {
        throw e;
      }
      // Before its first workflow task has run, a cycle answers no query yet; or the query timed
      // out: ask again, within the run's deadline.
    }
    await sleep(config.pollMs);
  }
  throw new Timeout(
    `timed out waiting for cycle ${handle.workflowId} to await approval (last: ${last})`,
  );
}

/** One line from stdin, before the deadline. */
async function readLine(deadline: number): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  try {
    const line = new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      lines.once('close', () => reject(new Error('stdin closed before the ids to approve')));
    });
    return await before(deadline, 'the ids to approve on stdin', line);
  } finally {
    lines.close();
  }
}

/**
 * The ids to approve through the update: from the configuration (empty: everything pending), from
 * stdin, or the first of the items the status lists as pending, each with the id `decide` takes.
 */
async function idsToApprove(status: CycleStatus, config: Config, deadline: number) {
  if (config.approveIds === 'first-pending') {
    const items = status.pending?.items ?? [];
    if (items.length === 0) {
      throw new CycleClosed('the status lists no pending item to approve');
    }
    return [items[0].id];
  }
  return config.approveIds === 'stdin' ? splitIds([await readLine(deadline)]) : config.approveIds;
}

/** One JSON line on stdout: the events a caller (or a test) follows. */
function emit(event: string, body: object): void {
  process.stdout.write(JSON.stringify({ event, ...body }) + '\n');
}

/** The message of an update failure: the validator's, which starts "decide refused:". */
function failureMessage(e: unknown): string {
  let err: unknown = e;
  while (err instanceof Error && err.cause instanceof Error) {
    err = err.cause;
  }
  return err instanceof Error ? err.message : String(e);
}

async function run(config: Config): Promise<number> {
  const deadline = Date.now() + config.timeoutMs;
  const connection = await before(
    deadline,
    `a connection to ${config.address}`,
    Connection.connect({ address: config.address, connectTimeout: config.timeoutMs }),
  );
  try {
    const client = new Client({ connection, namespace: config.namespace });
    const input: StartInput = { spec: config.spec, mode: 'full', initiator: config.initiator };
    if (config.version !== undefined) {
      input.version = config.version;
    }
    const id = cycleId(config.spec);
    const handle = await client.workflow.start(WORKFLOW_TYPE, {
      taskQueue: config.taskQueue,
      workflowId: id,
      args: [input],
    });
    log(`started ${id} on ${config.taskQueue}`);

    const outcome = handle.result() as Promise<CycleResult>;
    const end: Ending = { done: false, settled: Promise.resolve(null) };
    end.settled = outcome.then(
      () => {
        end.done = true;
        return null;
      },
      (failure) => {
        Object.assign(end, { done: true, failure });
        return null;
      },
    );
    const held = await awaitHeld(handle, config, deadline, end);
    emit('awaiting-approval', {
      cycleId: id,
      state: stateOf(held),
      pendingApproval: held.pendingApproval ?? null,
      pendingIds: (held.pending?.items ?? []).map((item) => item.id),
    });

    // One decision through the update, which answers with its verdict.
    const request: DecideRequest = {
      action: 'approve',
      approver: config.approver,
      reason: 'checked by the TypeScript example',
      ids: await idsToApprove(held, config, deadline),
      requestId: randomUUID(),
    };
    const verdict = await before(
      deadline,
      'the decide update',
      handle.executeUpdate<Verdict, [DecideRequest]>(DECIDE_UPDATE, { args: [request] }),
    );
    log(`verdict: ${JSON.stringify(verdict)}`);

    // A malformed request is refused by the update's validator and never reaches the history.
    let malformed: string | null = null;
    try {
      await before(
        deadline,
        'the malformed decide update',
        handle.executeUpdate(DECIDE_UPDATE, {
          args: [{ action: 'merge', approver: config.approver }],
        }),
      );
    } catch (e) {
      if (e instanceof Timeout) {
        throw e;
      }
      malformed = failureMessage(e);
    }
    if (malformed === null) {
      throw new Error('a malformed decide update was accepted');
    }
    log(`malformed update refused: ${malformed}`);

    // The rest through the signal, as the Temporal UI or `temporal workflow signal` would send it.
    const signal: DecisionSignal = {
      approver: config.approver,
      reason: 'the rest, checked by the TypeScript example',
      requestId: randomUUID(),
    };
    await handle.signal(APPROVE_SIGNAL, signal);
    log(`signalled ${APPROVE_SIGNAL} (${signal.requestId})`);

    const result = await before(
      deadline,
      'the cycle result',
      outcome,
    );
    emit('result', {
      cycleId: id,
      spec: config.spec,
      verdict,
      malformedRefused: malformed,
      signalRequestId: signal.requestId,
      state: result.state,
      repairs: result.repairs,
    });
    return result.state === 'COMPLETED' ? 0 : 1;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = fromEnv(process.env, process.argv.slice(2));
  } catch (e) {
    if (e instanceof ConfigError) {
      log(e.message);
      return 2;
    }
    throw e;
  }
  try {
    return await run(config);
  } catch (e) {
    log(failureMessage(e).split('\n')[0]);
    return e instanceof Timeout ? 3 : 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`unexpected: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
