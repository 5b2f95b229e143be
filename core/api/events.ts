/**
 * Engine → UI events (the second half of the contract). Pushed by main over IPC and by the
 * test host over server-sent events; the renderer never polls for progress.
 */
import { z } from 'zod';

const jobState = z.enum(['queued', 'running', 'succeeded', 'failed', 'canceled', 'needs_user_decision']);

export const events = {
  'job-progress': z.object({
    jobId: z.string(), lookId: z.string(), shotId: z.string(), label: z.string(), state: jobState,
    progress: z.number().min(0).max(1), costSoFarUsd: z.number().min(0), error: z.string().nullable(),
    runId: z.string().optional(), sessionId: z.string().nullable().optional(), group: z.string().optional(),
    phase: z.string().nullable().optional(), etaSeconds: z.number().nullable().optional(), gate: z.enum(['passed', 'failed']).nullable().optional(),
    costEstimated: z.boolean().optional(), runSpentUsd: z.number().min(0).optional(), local: z.boolean().optional(),
  }),
  'shot-updated': z.object({ lookId: z.string(), shotId: z.string() }),
  'budget-warning': z.object({ lookId: z.string(), estimateUsd: z.number(), budgetUsd: z.number(), message: z.string() }),
  'run-finished': z.object({ runId: z.string(), lookId: z.string(), succeeded: z.number(), failed: z.number(), canceled: z.number() }),
  'export-progress': z.object({ lookId: z.string(), progress: z.number().min(0).max(1), message: z.string() }),
  'look-updated': z.object({ lookId: z.string() }),
  /** Menu items and OS-level actions the shell forwards to the UI. */
  'menu-command': z.object({ command: z.enum(['new-project', 'open-project', 'import-look', 'export', 'settings']) }),
  'notice': z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<N extends EventName> = z.infer<Events[N]>;
export type StudioEvent = { [N in EventName]: { name: N; payload: EventPayload<N> } }[EventName];
export type EmitEvent = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}
