/**
 * What the local renderer can render of a declared change, known at plan time (issue 11: a delta
 * that cannot be rendered is said so in the plan, and its clip is never delivered as the variant).
 * Mirrors remix-layers.ts: a prop needs a product shot (for product props) or a drawing.
 */
import type { Delta } from '../../domain/shot.ts';
import { propSketch } from './prop-sketches.ts';

/** Why the local renderer cannot render `d`, or null when it can. Pure. */
export function localDeltaGap(d: Delta, productShots: number): string | null {
  if (d.kind !== 'prop') return null;
  if (d.layer?.source === 'product') return d.layer.index < productShots ? null : `the look has no product shot ${d.layer.index}`;
  return propSketch(d.prop) ? null : `the look has no photograph of "${d.prop}" and there is no drawing for it`;
}
