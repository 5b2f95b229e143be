/**
 * The one-change instruction a remix sends (DESIGN.md §4 item 6): keep the anchor take as it is
 * and change only what the shot declares. Sent as the prompt of a provider's video edit
 * (OpenAI-protocol remix) and recorded on every remix take, local ones included.
 */
import { missingCase } from '../domain/errors.ts';
import type { Delta } from '../domain/shot.ts';

/** One declared change as an instruction clause. Pure. */
export function deltaInstruction(d: Delta): string {
  switch (d.kind) {
    case 'palette': return `shift the colour palette to ${d.label} (${d.targetHex.join(', ')})`;
    case 'prop': return `add ${d.prop}, standing naturally in the scene`;
    case 'scene': return `make one small change in the scene: ${d.change}`;
    case 'camera': return `change only the camera: ${d.motion}${d.framing ? `, ${d.framing} framing` : ''}, same subject and set`;
    case 'motif': return `add a ${d.season} touch: ${d.motif}`;
    default: return missingCase(d);
  }
}

/** The whole instruction for a shot's deltas (1–2 declared changes). Pure. */
export function remixInstruction(deltas: readonly Delta[]): string {
  const changes = deltas.map(deltaInstruction);
  return `Keep this shot exactly as it is — the same subject, set, light, framing, camera move and timing — and change only this: ${changes.join('; and ')}.`;
}
