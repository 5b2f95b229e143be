/**
 * Shot editor (matrix): framing, camera motion and the declared changes are editable (kept through
 * re-plans of the same plan; a rendered shot becomes stale), the prompt is shown as sent and can be
 * replaced by the person's own text (the canon-built one kept beside it for reference), and a
 * variant can be remade from its anchor's take with the changes in the editor.
 */
import { useEffect, useState } from 'react';
import { CAMERA_MOTIONS, FRAMINGS } from '../../core/api/contract.ts';
import type { ShotDetail } from '../../core/api/types.ts';
import { call, studio } from '../bridge.ts';
import { useReview } from '../state/review-slice.ts';
import { useShots } from '../state/shots-slice.ts';
import { useJobs } from '../state/jobs-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { DeltaEditor, deltaRow, type DeltaRow } from './delta-editor.tsx';
import { deltaText } from '../../core/api/contract.ts';
import { useAction } from './use-action.ts';

export function ShotEditor({ detail, error, onClose, running, onRegenerate }: { detail: ShotDetail | null; error: string | null; onClose(): void; running: boolean; onRegenerate(shotId: string): void }) {
  const s = detail?.shot;
  const [framing, setFraming] = useState(s?.framing);
  const [motion, setMotion] = useState(s?.motion);
  const [rows, setRows] = useState<DeltaRow[]>([]);
  // The prompt text as edited; it starts as the prompt that is sent (the person's or the canon's).
  const [prompt, setPrompt] = useState('');
  const [busy, run] = useAction();
  // A fresh form whenever another shot (or a newer version of this one) is shown.
  useEffect(() => { if (s) { setFraming(s.framing); setMotion(s.motion); setRows(s.deltas.map(deltaRow)); } }, [s?.id, s?.label, s?.framing, s?.motion]);
  useEffect(() => { if (detail) setPrompt(detail.prompt); }, [s?.id, detail?.prompt]);

  if (error) return <aside className="side-panel" aria-label="Shot editor"><p className="field-error" role="alert">{error}</p><button type="button" onClick={onClose}>Close</button></aside>;
  if (!detail || !s) return <aside className="side-panel" aria-label="Shot editor"><p className="muted">Loading shot…</p></aside>;
  const derived = Boolean(s.parentId) && (s.kind === 'variant' || s.kind === 'seasonal');
  const deltasChanged = JSON.stringify(rows) !== JSON.stringify(s.deltas.map(deltaRow));
  const promptChanged = prompt.trim() !== detail.prompt.trim();
  const dirty = framing !== s.framing || motion !== s.motion || deltasChanged || promptChanged;
  // Sending the canon's own words back is no edit: only a prompt that differs from it is the person's.
  const canonText = detail.canonPrompt ?? (detail.promptBy === 'canon' ? detail.prompt : undefined);
  const promptPatch = promptChanged ? { prompt: prompt.trim() === canonText?.trim() ? '' : prompt } : {};
  const anchor = derived ? useShots.getState().shots.find((x) => x.id === s.parentId) : undefined;
  const save = () => void run('Save shot', async () => {
    const d = await call(studio().shots.update({ shotId: s.id, ...(framing !== s.framing ? { framing } : {}), ...(motion !== s.motion ? { motion } : {}), ...(deltasChanged ? { deltas: rows } : {}), ...promptPatch }));
    useShots.setState({ detail: d });
    await useShots.getState().refresh();
  });
  const remix = () => void run('Remix from anchor', async () => {
    await call(studio().shots.remix({ shotId: s.id, deltas: rows }));
    await useJobs.getState().load();
    useUi.getState().toast('info', `Remixing #${s.index + 1} from its anchor's take; it shows in the Job queue.`);
  });

  return (
    <aside className="side-panel" aria-label="Shot editor" data-shot-id={s.id} data-dirty={dirty ? 'true' : 'false'}>
      <div className="side-head"><h2>Shot {s.index + 1}: {s.label}</h2><button type="button" className="ghost" aria-label="Close shot editor" onClick={onClose}>×</button></div>
      <dl className="facts">
        <dt>Kind</dt><dd>{s.kind}{anchor ? ` (from anchor #${anchor.index + 1})` : ''}</dd>
        <dt>Continuity</dt><dd>{s.continuityMode} · strength {s.styleStrength.toFixed(2)}</dd>
        <dt>Model</dt><dd>{detail.model.provider} · {detail.model.model}</dd>
      </dl>
      {s.score !== null && <p className="small">Score {s.score.toFixed(2)} · {s.pass ? 'passed the gate' : 'failed the gate'}{s.review && s.review !== 'pending' ? ` · ${s.review}` : ''}{s.stale ? ' · stale (settings changed since)' : ''}</p>}
      <div className="tl-actions">
        <button type="button" disabled={!s.currentTakeId} onClick={() => { useReview.getState().focus(s.id); void useUi.getState().go('review'); }}>Review this clip</button>
        <button type="button" disabled={running || !s.currentTakeId} title={running ? 'Wait for the run to finish' : 'A new take with a new seed; earlier takes stay in the history'} onClick={() => onRegenerate(s.id)}>Regenerate</button>
      </div>
      <p className={detail.gating.ok ? 'gate ok' : 'gate refused'} role={detail.gating.ok ? undefined : 'alert'}>{detail.gating.message}</p>
      <div className="form-row">
        <label className="field">Framing
          <select aria-label="Framing" value={framing} disabled={busy || running} onChange={(e) => setFraming(e.target.value as typeof framing)}>{FRAMINGS.map((f) => <option key={f} value={f}>{f}</option>)}</select>
        </label>
        <label className="field">Camera motion
          <select aria-label="Camera motion" value={motion} disabled={busy || running} onChange={(e) => setMotion(e.target.value as typeof motion)}>{CAMERA_MOTIONS.map((m) => <option key={m} value={m}>{m}</option>)}</select>
        </label>
      </div>
      <h3>Declared changes</h3>
      {s.kind === 'anchor' ? <p className="muted small">None: an anchor holds continuity. Its variants sit beside it in the matrix.</p> : (
        <DeltaEditor rows={rows} onChange={setRows} seasonal={s.kind === 'seasonal'} disabled={busy || running} />
      )}
      {s.deltas.length > 0 && !deltasChanged && <div className="chips">{s.deltas.map((d, i) => <span key={i} className={`chip delta-${d.kind}`}>{deltaText(d)}</span>)}</div>}
      <div className="tl-actions">
        <button type="button" className="primary" disabled={busy || running || !dirty} title={running ? 'Wait for the run to finish' : 'Saves the shot; a rendered clip is marked stale'} onClick={save}>Save shot</button>
        {derived && <button type="button" disabled={busy || running || !anchor?.currentTakeId || rows.length === 0} title={anchor?.currentTakeId ? 'A new take made from the anchor\'s current take with these changes' : 'Render the anchor first'} onClick={remix}>Remix from anchor</button>}
      </div>
      <h3>Prompt</h3>
      <p className="muted small" data-testid="prompt-by">{detail.promptBy === 'person' ? 'Your prompt: sent instead of the one built from the canon (below, for reference).' : 'Built from the canon and this shot. Edit it to send your own words instead; Save shot keeps them with the shot.'}</p>
      <textarea className="prompt" aria-label="Prompt" rows={6} value={prompt} disabled={busy || running} onChange={(e) => setPrompt(e.target.value)} />
      {detail.promptBy === 'person' && <button type="button" className="ghost small" disabled={busy || running} onClick={() => void run('Use the canon\'s prompt', async () => {
        const d = await call(studio().shots.update({ shotId: s.id, prompt: '' }));
        useShots.setState({ detail: d });
        await useShots.getState().refresh();
      })}>Use the canon&apos;s prompt</button>}
      {detail.canonPrompt !== undefined && <><h3>Canon-built prompt (not sent)</h3><pre className="prompt muted" aria-label="Canon-built prompt">{detail.canonPrompt}</pre></>}
      <h3>Negative prompt</h3>
      <pre className="prompt negative" aria-label="Negative prompt">{detail.negativePrompt || '—'}</pre>
    </aside>
  );
}
