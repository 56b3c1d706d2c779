// The recon workflow contract, as docs/contract/*.schema.json describe it. Only the members this
// example reads are typed; the schemas are the full reference.

/** The workflow type and its handlers' names (docs/client.md). */
export const WORKFLOW_TYPE = 'ReconciliationWorkflow';
export const STATUS_QUERY = 'status';
export const DECIDE_UPDATE = 'decide';
export const APPROVE_SIGNAL = 'approve';
export const REJECT_SIGNAL = 'reject';
export const CANCEL_SIGNAL = 'cancel';

/** start.schema.json, the by-name form. */
export interface StartInput {
  spec: string;
  mode?: 'full' | 'incremental';
  initiator: string;
  version?: number;
  settle?: string;
}

/** decide.schema.json */
export interface DecideRequest {
  action: 'approve' | 'reject';
  approver: string;
  reason?: string;
  ids?: string[];
  requestId?: string;
}

/** signal-decision.schema.json */
export interface DecisionSignal {
  approver: string;
  reason?: string;
  ids?: string[];
  requestId?: string;
}

/** verdict.schema.json */
export interface Verdict {
  requestId: string;
  action: 'approve' | 'reject';
  approver: string | null;
  accepted: boolean;
  applied: number;
  decided: string[];
  refused: { id: string; reason: string }[];
  refusal: string | null;
}

/** result.schema.json */
export interface CycleResult {
  cycleId: string;
  state: string;
  counts: Record<string, number>;
  repairs: {
    repaired: number;
    pendingApproval: number;
    rejected: number;
    expired: number;
    skippedConcurrentChange: number;
    failed: number;
    unresolved: number;
    reported: number;
  };
  gate: { tripped: boolean; ratio: number; threshold: number; repairs: number; maxRepairs: number };
  message: string | null;
}

/** The members of the status query's answer this example reads (status.schema.json). */
export interface CycleStatus {
  /** The cycle's workflow id. */
  cycle: string;
  /** The cycle's state: RUNNING, AWAITING_APPROVAL, GATED, COMPLETED, ... */
  status: string;
  /** How many discrepancies wait for a decision. */
  pendingApproval: number;
  /** The first pending items (at most 100), each with the id `decide` takes. */
  pending?: { total: number; items: { id: string; key: unknown; kind: string; severity: string }[] };
  message?: string | null;
}

/** States in which held repairs wait for a decision. */
export const HOLDING = new Set(['AWAITING_APPROVAL', 'GATED']);
/** States a cycle never leaves. */
export const CLOSED = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'ABANDONED']);

/** The cycle's state in a status answer. */
export function stateOf(status: CycleStatus): string {
  return status.status ?? 'UNKNOWN';
}
