/**
 * Which look references a model gets when the look has more than the model takes (issue 14 item
 * 4: Veo ≤ 3, Kling O1 ≤ 7, Seedance ≤ 9, Wan 2.7 ≈ 5): by role, most important first. A
 * character carries identity (the hardest thing to get back), a product its exact form, a style
 * frame the look itself; sets, wardrobe and lighting boards are the colour the grade restores.
 */
import type { ReferenceRole } from '../domain/look.ts';
import type { LookImage } from './look-assets.ts';

export const REFERENCE_ROLE_PRIORITY: readonly ReferenceRole[] = ['character', 'product', 'style', 'set', 'wardrobe', 'lighting'];

/** The look's references ordered by role priority (stable within a role: the look's order). */
export function referencesByPriority(refs: readonly LookImage[]): LookImage[] {
  const rank = (r: LookImage) => {
    const i = REFERENCE_ROLE_PRIORITY.indexOf(r.role);
    return i < 0 ? REFERENCE_ROLE_PRIORITY.length : i;
  };
  return refs.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
}
