/**
 * The gate's retry policy (DESIGN.md §7, issue 4 item 5), as a pure function so it can be
 * property-tested: given every attempt so far, accept the best passing take, retry with the next
 * escalation step, or send the shot to review with the reasons.
 *
 * Escalation ladder, cycling, skipping steps that cannot apply:
 *   new seed → stronger style strength (next preset up) → next mechanism → new seed → …
 * The change that produced each attempt is read from the history itself (mechanism changed,
 * strength went up, otherwise a new seed), so callers store nothing extra.
 */
import { InputError, missingCase, showValue } from '../domain/errors.ts';
import { STRENGTH_PRESETS, type Mechanism } from '../domain/shot.ts';

export interface Attempt {
  pass: boolean;
  score: number;
  reasons: string[];
  mechanism: Mechanism;
  /** Seed sent for this attempt; null when the model takes none. */
  seed: number | null;
  styleStrength: number;
}

export interface GateOptions {
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  budgetLeftUsd: number;
  costPerAttemptUsd: number;
  /** Mechanisms this shot and model can use, highest fidelity first. */
  mechanisms: readonly Mechanism[];
  /**
   * Whether a stronger style strength changes this mechanism's inputs at all (default: yes). A
   * keyframe cut straight from a look reference and a frame bridge ignore it: a "stronger style"
   * retry would re-render the same inputs, so that step is skipped (issue 10: retries change something).
   */
  strengthApplies?: (mechanism: Mechanism) => boolean;
  /**
   * Steps already tried after the last attempt whose inputs came out identical to an earlier
   * attempt's (e.g. a new seed for a seedless model on a frame bridge): such a retry is not made,
   * so these steps are skipped now (issue 10 item 8). Empty after every attempt actually made.
   */
  unchanged?: readonly Change[];
}

export type Change = 'new-seed' | 'stronger-style' | 'next-mechanism';

export type GateDecision =
  | { action: 'accept'; takeIndex: number; score: number }
  /** The full parameters of the next attempt; `change` says which one escalated. */
  | { action: 'retry'; change: Change; seed: number | null; styleStrength: number; mechanism: Mechanism; why: string }
  | { action: 'review'; reasons: string[]; bestTakeIndex: number };

const LADDER: readonly Change[] = ['new-seed', 'stronger-style', 'next-mechanism'];
const PRESETS = Object.values(STRENGTH_PRESETS).sort((a, b) => a - b);
const EPS = 1e-9;

function changeBetween(prev: Attempt, cur: Attempt): Change {
  if (prev.mechanism !== cur.mechanism) return 'next-mechanism';
  if (cur.styleStrength > prev.styleStrength + EPS) return 'stronger-style';
  return 'new-seed';
}

function bestIndex(history: readonly Attempt[], filter: (a: Attempt) => boolean): number {
  let best = -1;
  history.forEach((a, i) => { if (filter(a) && (best < 0 || a.score > history[best]!.score)) best = i; });
  return best;
}

function validate(history: readonly Attempt[], o: GateOptions): void {
  if (history.length === 0) throw new InputError('nextAttempt: history must hold at least the first attempt', 'history', []);
  if (!Number.isInteger(o.maxRetries) || o.maxRetries < 0) throw new InputError(`nextAttempt: "maxRetries" must be a whole number ≥ 0, got ${showValue(o.maxRetries)}`, 'maxRetries', o.maxRetries);
  for (const key of ['budgetLeftUsd', 'costPerAttemptUsd'] as const) {
    if (!Number.isFinite(o[key])) throw new InputError(`nextAttempt: "${key}" must be a number, got ${showValue(o[key])}`, key, o[key]);
  }
}

/**
 * Decide what happens after the latest attempt of a shot.
 * - any passing attempt → accept the best passing one (highest score);
 * - retry limit reached or the budget cannot pay for another attempt → review, with the best
 *   failing take's reasons and why no retry was made;
 * - otherwise → retry with the next applicable escalation step.
 */
export function nextAttempt(history: readonly Attempt[], options: GateOptions): GateDecision {
  validate(history, options);
  const passing = bestIndex(history, (a) => a.pass);
  if (passing >= 0) return { action: 'accept', takeIndex: passing, score: history[passing]!.score };

  const bestTakeIndex = bestIndex(history, () => true);
  const reasons = [...history[bestTakeIndex]!.reasons];
  const retries = history.length - 1;
  if (retries >= options.maxRetries) {
    reasons.push(`retry limit reached: ${history.length} attempt${history.length === 1 ? '' : 's'} (${options.maxRetries} retr${options.maxRetries === 1 ? 'y' : 'ies'} allowed)`);
    return { action: 'review', reasons, bestTakeIndex };
  }
  if (options.budgetLeftUsd + EPS < Math.max(0, options.costPerAttemptUsd)) {
    reasons.push(`budget left $${options.budgetLeftUsd.toFixed(2)} cannot pay another attempt ($${options.costPerAttemptUsd.toFixed(2)})`);
    return { action: 'review', reasons, bestTakeIndex };
  }

  const last = history[history.length - 1]!;
  const lastChange: Change | 'initial' = history.length === 1 ? 'initial' : changeBetween(history[history.length - 2]!, last);
  const start = lastChange === 'initial' ? 0 : (LADDER.indexOf(lastChange) + 1) % LADDER.length;
  const why = `attempt ${history.length} failed${last.reasons[0] ? `: ${last.reasons[0]}` : ''}`;
  const unchanged = new Set(options.unchanged ?? []);
  for (let step = 0; step < LADDER.length; step++) {
    const change = LADDER[(start + step) % LADDER.length]!;
    if (unchanged.has(change)) continue;
    const next = applyChange(change, history, last, options);
    if (next) return { action: 'retry', change, ...next, why };
  }
  // Every step would re-send inputs already tried (a new seed always applies otherwise).
  reasons.push(`no retry would change the inputs: ${[...unchanged].join(', ')} gave the inputs of an earlier attempt`);
  return { action: 'review', reasons, bestTakeIndex };
}

function applyChange(change: Change, history: readonly Attempt[], last: Attempt, o: GateOptions): Omit<Extract<GateDecision, { action: 'retry' }>, 'action' | 'change' | 'why'> | undefined {
  switch (change) {
    case 'new-seed': {
      // A model without seeds still re-samples on a new request, so this step always applies.
      if (last.seed === null) return { seed: null, styleStrength: last.styleStrength, mechanism: last.mechanism };
      const used = new Set(history.map((a) => a.seed));
      let seed = last.seed;
      do { seed = (seed + 1) % 2 ** 31; } while (used.has(seed));
      return { seed, styleStrength: last.styleStrength, mechanism: last.mechanism };
    }
    case 'stronger-style': {
      if (o.strengthApplies && !o.strengthApplies(last.mechanism)) return undefined;
      const up = PRESETS.find((p) => p > last.styleStrength + EPS);
      return up === undefined ? undefined : { seed: last.seed, styleStrength: up, mechanism: last.mechanism };
    }
    case 'next-mechanism': {
      const at = o.mechanisms.indexOf(last.mechanism);
      const used = new Set(history.map((a) => a.mechanism));
      const next = at >= 0 ? o.mechanisms[at + 1] : o.mechanisms.find((m) => !used.has(m));
      return next === undefined ? undefined : { seed: last.seed, styleStrength: last.styleStrength, mechanism: next };
    }
    default:
      return missingCase(change);
  }
}
