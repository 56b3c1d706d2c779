// Configuration from the environment, checked up front so that a wrong value is one clear line.

export interface Config {
  address: string;
  namespace: string;
  taskQueue: string;
  spec: string;
  version?: number;
  initiator: string;
  approver: string;
  /**
   * Ids to approve through the update; empty means everything pending; 'stdin' reads them (one
   * comma-separated line) once the cycle awaits approval, as an operator would type them;
   * 'first-pending' takes the first of the items the status query lists as pending.
   */
  approveIds: string[] | 'stdin' | 'first-pending';
  timeoutMs: number;
  pollMs: number;
}

export class ConfigError extends Error {}

const NAME = /^[a-z0-9-]+$/;

function positiveInt(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === '') {
    return fallback;
  }
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) {
    throw new ConfigError(`${key} must be a whole number >= 1, not '${raw}'`);
  }
  return Number(raw);
}

/**
 * TEMPORAL_ADDRESS (default localhost:7233), TEMPORAL_NAMESPACE (default), RECON_TASK_QUEUE
 * (recon), CYCLE_SPEC (the registered spec's name, or the first argument), CYCLE_SPEC_VERSION,
 * CYCLE_INITIATOR, CYCLE_APPROVER, CYCLE_APPROVE_IDS (comma-separated, or '-' to read them from
 * stdin once the cycle awaits approval, or 'first-pending' for the first item of the status
 * query's `pending.items`; or the rest of the arguments),
 * CYCLE_TIMEOUT_SECONDS (120), CYCLE_POLL_MILLIS (250).
 */
export function fromEnv(env: NodeJS.ProcessEnv, args: string[]): Config {
  const spec = (args[0] ?? env.CYCLE_SPEC ?? '').trim();
  if (spec === '') {
    throw new ConfigError('no spec: set CYCLE_SPEC or pass the spec name as the first argument');
  }
  if (!NAME.test(spec)) {
    throw new ConfigError(`CYCLE_SPEC '${spec}' is not a spec name ([a-z0-9-]+)`);
  }
  const approver = (env.CYCLE_APPROVER ?? '').trim();
  if (approver === '') {
    throw new ConfigError("CYCLE_APPROVER is required: one of the spec's approvers");
  }
  const ids = args.length > 1 ? args.slice(1) : (env.CYCLE_APPROVE_IDS ?? '').split(',');
  const fromStdin = ids.length === 1 && ids[0].trim() === '-';
  const firstPending = ids.length === 1 && ids[0].trim() === 'first-pending';
  return {
    address: env.TEMPORAL_ADDRESS?.trim() || 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE?.trim() || 'default',
    taskQueue: env.RECON_TASK_QUEUE?.trim() || 'recon',
    spec,
    version: env.CYCLE_SPEC_VERSION ? positiveInt(env, 'CYCLE_SPEC_VERSION', 1) : undefined,
    initiator: env.CYCLE_INITIATOR?.trim() || 'ts-example',
    approver,
    approveIds: fromStdin ? 'stdin' : firstPending ? 'first-pending' : splitIds(ids),
    timeoutMs: positiveInt(env, 'CYCLE_TIMEOUT_SECONDS', 120) * 1000,
    pollMs: positiveInt(env, 'CYCLE_POLL_MILLIS', 250),
  };
}

/** Trimmed, non-empty ids. */
export function splitIds(parts: string[]): string[] {
  return parts
    .flatMap((p) => p.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
