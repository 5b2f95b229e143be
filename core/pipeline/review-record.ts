/**
 * A take row's review columns → the prompt pack's `review` record (STYLE.md "Records"): the
 * verdict, when, by whom or what, and by which action. Never a plausible guess: an approval
 * stored before the app recorded its author says so in `note`.
 */
import type { ReviewRecord } from '../domain/prompt-pack.ts';
import type { TakeRow } from '../store/takes-repo.ts';

/** The pack's review record for a take as it stands in the project. */
export function reviewRecord(take: Pick<TakeRow, 'review' | 'reviewBy' | 'reviewAt' | 'reviewAction'>): ReviewRecord {
  if (take.review === 'pending') return { verdict: 'pending', at: null };
  const action = take.reviewAction ? { action: take.reviewAction } : {};
  if (!take.reviewBy) {
    return { verdict: take.review, at: take.reviewAt, ...action, note: `${take.review} before this project recorded who reviews (who and when unknown)` };
  }
  if (take.review === 'approved') return { verdict: 'approved', at: take.reviewAt, approvedBy: take.reviewBy, ...action };
  return { verdict: 'rejected', at: take.reviewAt, ...(take.reviewBy === 'person' ? { rejectedBy: 'person' as const } : {}), ...action };
}
