/** Batch settings: size, duration, fps, clip count, anchors, model (with gating), seed, budget. */
import { useEffect, useState } from 'react';
import { BATCH_SIZES } from '../../core/api/contract.ts';
import type { BatchSettings } from '../../core/api/types.ts';
import { useLook } from '../state/look-slice.ts';
import { useProject } from '../state/project-slice.ts';
import { useSettings } from '../state/settings-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { ErrorState, Loading } from '../components/status.tsx';

/** Below HD: quick previz drafts, said so in the list. */
const DRAFT_SIZES: ReadonlySet<string> = new Set(['640x360', '320x180']);

export function BatchSettingsScreen() {
  const lookId = useProject((s) => s.lookId);
  const L = useLook();
  const S = useSettings();
  const [busy, run] = useAction();
  const [b, setB] = useState<BatchSettings | null>(null);

  useEffect(() => { if (lookId) void L.load(lookId); void S.load(); }, [lookId]);
  useEffect(() => { if (L.look) setB({ ...L.look.batch }); }, [L.look?.id, L.look?.updatedAt]);

  if (L.status === 'error') return <ErrorState message={L.error ?? ''} onRetry={() => lookId && void L.load(lookId)} />;
  if (!L.look || !b) return <Loading what="batch settings" />;
  const videoModels = S.models.filter((m) => m.kind === 'video');
  const current = videoModels.find((m) => m.provider === b.provider && m.id === b.model);
  const save = () => void run('Save batch settings', async () => { await L.updateBatch(b); useUi.getState().toast('info', 'Batch settings saved.'); });

  return (
    <section className="screen" data-screen="batch" data-ready={busy ? 'false' : 'true'} data-size={L.look.batch.size} aria-labelledby="batch-title">
      <header className="screen-head"><h1 id="batch-title">Batch settings</h1><p className="muted">Every clip of the look is delivered at exactly this size, duration and frame rate.</p></header>
      <div className="columns">
        <div className="panel form-grid">
          <label className="field">Size<select aria-label="Size" value={b.size} onChange={(e) => setB({ ...b, size: e.target.value as BatchSettings['size'] })}>{BATCH_SIZES.map((s) => <option key={s} value={s}>{DRAFT_SIZES.has(s) ? `${s} (draft)` : s}</option>)}</select></label>
          <label className="field">Seconds<select aria-label="Seconds" value={b.seconds} onChange={(e) => setB({ ...b, seconds: Number(e.target.value) as 4 | 8 })}><option value={4}>4</option><option value={8}>8</option></select></label>
          <label className="field">Frame rate<select aria-label="Frame rate" value={b.fps} onChange={(e) => setB({ ...b, fps: Number(e.target.value) as 24 | 25 | 30 })}>{[24, 25, 30].map((f) => <option key={f} value={f}>{f}</option>)}</select></label>
          <label className="field">Clips<input type="number" aria-label="Clips" min={8} max={20} value={b.clips} onChange={(e) => setB({ ...b, clips: Number(e.target.value) })} /></label>
          <label className="field">Anchors<input type="number" aria-label="Anchors" min={2} max={4} value={b.anchors} onChange={(e) => setB({ ...b, anchors: Number(e.target.value) })} /></label>
          <label className="field">Seed<input type="number" aria-label="Seed" min={0} value={b.seed} onChange={(e) => setB({ ...b, seed: Number(e.target.value) })} /></label>
        </div>
        <div className="panel">
          <label className="field">Model
            <select aria-label="Model" value={`${b.provider}:${b.model}`} onChange={(e) => { const [provider, ...rest] = e.target.value.split(':'); setB({ ...b, provider: provider!, model: rest.join(':') }); }}>
              {videoModels.map((m) => <option key={`${m.provider}:${m.id}`} value={`${m.provider}:${m.id}`} disabled={!m.eligible}>{m.provider} · {m.id}{m.eligible ? '' : ' (not eligible)'}</option>)}
            </select>
          </label>
          {current && !current.eligible && <p className="field-error" role="alert">{current.why}</p>}
          {current?.licenceNote && <p className="muted small">{current.licenceNote}</p>}
          <label className="field">Budget (USD, optional)<input type="number" aria-label="Budget" min={0} step={1} value={b.budgetUsd ?? ''} onChange={(e) => setB({ ...b, budgetUsd: e.target.value === '' ? undefined : Number(e.target.value) })} /></label>
          <label className="check"><input type="checkbox" checked={b.commercialOnly} onChange={(e) => setB({ ...b, commercialOnly: e.target.checked })} /> Only models cleared for commercial use</label>
        </div>
      </div>
      <div className="actions"><button type="button" className="primary" disabled={busy} onClick={save}>Save batch settings</button></div>
    </section>
  );
}
