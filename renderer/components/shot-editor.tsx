/** Shot editor: compiled prompt preview, deltas, model and its gating message. */
import type { ShotDetail } from '../../core/api/types.ts';
import { deltaText } from './shot-card.tsx';
import { useReview } from '../state/review-slice.ts';
import { useUi } from '../state/ui-slice.ts';

export function ShotEditor({ detail, error, onClose, running, onRegenerate }: { detail: ShotDetail | null; error: string | null; onClose(): void; running: boolean; onRegenerate(shotId: string): void }) {
  if (error) return <aside className="side-panel" aria-label="Shot editor"><p className="field-error" role="alert">{error}</p><button type="button" onClick={onClose}>Close</button></aside>;
  if (!detail) return <aside className="side-panel" aria-label="Shot editor"><p className="muted">Loading shot…</p></aside>;
  const s = detail.shot;
  return (
    <aside className="side-panel" aria-label="Shot editor" data-shot-id={s.id}>
      <div className="side-head"><h2>Shot {s.index + 1}: {s.label}</h2><button type="button" className="ghost" aria-label="Close shot editor" onClick={onClose}>×</button></div>
      <dl className="facts">
        <dt>Kind</dt><dd>{s.kind}{s.parentId ? ' (derived from an anchor)' : ''}</dd>
        <dt>Framing / motion</dt><dd>{s.framing} · {s.motion}</dd>
        <dt>Continuity</dt><dd>{s.continuityMode} · strength {s.styleStrength.toFixed(2)}</dd>
        <dt>Model</dt><dd>{detail.model.provider} · {detail.model.model}</dd>
      </dl>
      {s.score !== null && <p className="small">Score {s.score.toFixed(2)} · {s.pass ? 'passed the gate' : 'failed the gate'}{s.review && s.review !== 'pending' ? ` · ${s.review}` : ''}</p>}
      <div className="tl-actions">
        <button type="button" disabled={!s.currentTakeId} onClick={() => { useReview.getState().focus(s.id); void useUi.getState().go('review'); }}>Review this clip</button>
        <button type="button" disabled={running || !s.currentTakeId} title={running ? 'Wait for the run to finish' : 'A new take with a new seed; earlier takes stay in the history'} onClick={() => onRegenerate(s.id)}>Regenerate</button>
      </div>
      <p className={detail.gating.ok ? 'gate ok' : 'gate refused'} role={detail.gating.ok ? undefined : 'alert'}>{detail.gating.message}</p>
      <h3>Deltas</h3>
      {s.deltas.length === 0 ? <p className="muted small">None (anchor)</p> : <div className="chips">{s.deltas.map((d, i) => <span key={i} className={`chip delta-${d.kind}`}>{deltaText(d)}</span>)}</div>}
      <h3>Prompt preview</h3>
      <pre className="prompt" aria-label="Prompt preview">{detail.prompt}</pre>
      <h3>Negative prompt</h3>
      <pre className="prompt negative" aria-label="Negative prompt">{detail.negativePrompt || '—'}</pre>
    </aside>
  );
}
