/**
 * Review: player with a before / after grade toggle, score with reasons, take history,
 * approve / reject. Keys: A approve, R reject, J / ↓ next shot, K / ↑ previous shot.
 */
import { useEffect, useState } from 'react';
import type { TakeView } from '../../core/api/types.ts';
import { useProject } from '../state/project-slice.ts';
import { useShots } from '../state/shots-slice.ts';
import { useReview } from '../state/review-slice.ts';
import { useAction } from '../components/use-action.ts';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { assetUrl } from '../bridge.ts';

export function ReviewScreen() {
  const lookId = useProject((s) => s.lookId);
  const S = useShots();
  const R = useReview();
  const [busy, run] = useAction();
  const [shotId, setShotId] = useState<string | null>(null);
  const [takeId, setTakeId] = useState<string | null>(null);
  const [after, setAfter] = useState(true);

  const rendered = S.shots.filter((s) => s.currentTakeId);
  const shot = rendered.find((s) => s.id === shotId) ?? rendered[0] ?? null;
  const takes = shot ? R.takes[shot.id] : undefined;
  const take: TakeView | undefined = takes?.find((t) => t.id === takeId) ?? takes?.find((t) => t.id === shot?.currentTakeId) ?? takes?.[takes.length - 1];

  useEffect(() => { if (lookId) { void S.load(lookId); void R.loadStats(lookId); } }, [lookId]);
  useEffect(() => { if (shot) void R.loadTakes(shot.id); }, [shot?.id, shot?.currentTakeId]);

  const move = (delta: number) => {
    if (!rendered.length) return;
    const i = Math.max(0, rendered.findIndex((s) => s.id === shot?.id));
    const next = rendered[Math.min(rendered.length - 1, Math.max(0, i + delta))]!;
    setShotId(next.id); setTakeId(null);
  };
  const verdict = (v: TakeView['review']) => take && void run('Review', async () => { await R.setVerdict(take, v); await S.refresh(); });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement || e.metaKey || e.ctrlKey || e.altKey) return;
      const k = e.key.toLowerCase();
      if (k === 'a') { e.preventDefault(); verdict('approved'); }
      else if (k === 'r') { e.preventDefault(); verdict('rejected'); }
      else if (k === 'j' || e.key === 'ArrowDown' || e.key === 'ArrowRight') { e.preventDefault(); move(1); }
      else if (k === 'k' || e.key === 'ArrowUp' || e.key === 'ArrowLeft') { e.preventDefault(); move(-1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (S.status === 'error') return <ErrorState message={S.error ?? ''} onRetry={() => lookId && void S.load(lookId)} />;
  if (S.status !== 'ready') return <Loading what="review" />;
  const stats = R.stats;
  const media = take ? (after ? take.graded ?? take.original : take.original) : null;
  const ready = !busy && (!shot || takes !== undefined);

  return (
    <section className="screen review" data-screen="review" data-ready={ready ? 'true' : 'false'} data-shot-id={shot?.id ?? ''} data-take-id={take?.id ?? ''} data-verdict={take?.review ?? ''}
      data-approved={stats?.approved ?? 0} data-rejected={stats?.rejected ?? 0} aria-labelledby="review-title">
      <header className="screen-head">
        <h1 id="review-title">Review</h1>
        <p className="muted" data-testid="acceptance">{stats && stats.total ? `Acceptance rate ${stats.acceptanceRate === null ? '—' : `${Math.round(stats.acceptanceRate * 100)}%`} · ${stats.approved} approved · ${stats.rejected} rejected · ${stats.pending} pending` : 'Approve or reject each clip.'} <kbd>A</kbd> approve · <kbd>R</kbd> reject · <kbd>J</kbd>/<kbd>K</kbd> next / previous</p>
      </header>
      {rendered.length === 0 ? <Empty title="Nothing to review yet"><p>Run the matrix; rendered clips appear here.</p></Empty> : (
        <div className="review-layout">
          <ul className="review-list" aria-label="Clips to review">
            {rendered.map((s) => (
              <li key={s.id}>
                <button type="button" className={s.id === shot?.id ? 'selected' : ''} aria-current={s.id === shot?.id ? 'true' : undefined} onClick={() => { setShotId(s.id); setTakeId(null); }}>
                  #{s.index + 1} {s.label}
                  <span className={`badge review-${s.review ?? 'pending'}`}>{s.review ?? 'pending'}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="review-main">
            {!take ? <Loading what="takes" /> : (
              <>
                <div className="player">
                  {media ? <video key={`${media.sha256}`} src={assetUrl(media)} controls loop autoPlay muted playsInline aria-label={`Clip ${shot?.label} (${after ? 'graded' : 'original'})`} /> : <div className="thumb-empty">no output</div>}
                </div>
                <div className="toolbar">
                  <div className="segmented" role="group" aria-label="Grade">
                    <button type="button" aria-pressed={!after} onClick={() => setAfter(false)}>Before grade</button>
                    <button type="button" aria-pressed={after} disabled={!take.graded} onClick={() => setAfter(true)}>After grade</button>
                  </div>
                  <span className="spacer" />
                  <button type="button" className="ok" aria-keyshortcuts="A" disabled={busy} onClick={() => verdict('approved')}>Approve (A)</button>
                  <button type="button" className="danger" aria-keyshortcuts="R" disabled={busy} onClick={() => verdict('rejected')}>Reject (R)</button>
                </div>
                <div className="columns">
                  <div className="panel">
                    <h2>Score {take.score !== null && <span className={`badge score ${take.pass ? 'pass' : 'fail'}`}>{take.score.toFixed(2)}</span>}</h2>
                    {take.reasons.length ? <ul className="reasons">{take.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul> : <p className="muted small">No issues found.</p>}
                    <p className="muted small">{take.provider} · {take.model} · {take.mechanism}{take.previz ? ' · previz (local animatic)' : ''} · ${take.costUsd.toFixed(2)}</p>
                  </div>
                  <div className="panel">
                    <h2>Take history</h2>
                    <ol className="takes" aria-label="Take history">
                      {(takes ?? []).map((t) => (
                        <li key={t.id}><button type="button" className={t.id === take.id ? 'selected' : ''} onClick={() => setTakeId(t.id)}>
                          Attempt {t.attempt} · {t.score === null ? '—' : t.score.toFixed(2)} · <span className={`badge review-${t.review}`}>{t.review}</span>
                        </button></li>
                      ))}
                    </ol>
                  </div>
                </div>
              </>
            )}
          </div>
        </div>
      )}
      {R.error && <p className="field-error">{R.error}</p>}
    </section>
  );
}
