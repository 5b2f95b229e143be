/**
 * The declared changes of a variant (issue 11): 1–2 rows of kind + value, written as the CLI's
 * `continuity remix --delta KIND:VALUE` takes them; the engine parses and checks them.
 */
import { DELTA_KINDS } from '../../core/api/contract.ts';
import type { ShotView } from '../../core/api/types.ts';

export interface DeltaRow { kind: (typeof DELTA_KINDS)[number]; value: string }

const HINT: Record<DeltaRow['kind'], string> = {
  palette: '#c65d3b,#1d5c63 or a palette name',
  prop: 'a brass tray, or product1',
  scene: 'rain on the window',
  camera: 'pan-left@close',
  motif: 'autumn:falling leaves',
};

/** A stored delta as the text the editor shows (the inverse of the engine's parse). */
export function deltaRow(d: ShotView['deltas'][number]): DeltaRow {
  switch (d.kind) {
    case 'palette': return { kind: 'palette', value: d.targetHex.join(',') };
    case 'prop': return { kind: 'prop', value: d.prop };
    case 'scene': return { kind: 'scene', value: d.change };
    case 'camera': return { kind: 'camera', value: d.framing ? `${d.motion}@${d.framing}` : d.motion };
    case 'motif': return { kind: 'motif', value: `${d.season}:${d.motif}` };
    default: { const never: never = d; return never; }
  }
}

export function DeltaEditor({ rows, onChange, seasonal, disabled }: { rows: DeltaRow[]; onChange(rows: DeltaRow[]): void; seasonal: boolean; disabled?: boolean }) {
  const kinds = seasonal ? DELTA_KINDS.filter((k) => k === 'motif' || k === 'prop') : DELTA_KINDS;
  const set = (i: number, patch: Partial<DeltaRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="delta-editor" role="group" aria-label="Declared changes">
      {rows.map((r, i) => (
        <div key={i} className="form-row">
          <select aria-label={`Change ${i + 1} kind`} value={r.kind} disabled={disabled} onChange={(e) => set(i, { kind: e.target.value as DeltaRow['kind'] })}>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
          <input aria-label={`Change ${i + 1} value`} placeholder={HINT[r.kind]} value={r.value} disabled={disabled} onChange={(e) => set(i, { value: e.target.value })} />
          {rows.length > 1 && <button type="button" className="ghost small" aria-label={`Remove change ${i + 1}`} disabled={disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>×</button>}
        </div>
      ))}
      {rows.length < 2 && <button type="button" className="ghost small" disabled={disabled} onClick={() => onChange([...rows, { kind: kinds[0]!, value: '' }])}>Add a change</button>}
    </div>
  );
}
