/**
 * Review: every rendered clip of the look — the variation matrix and each continuity session —
 * with the player (before / after grade, frame stepping, compare with its anchor or the look
 * reference), the score with its legend and reasons, take history, approve / reject and
 * Regenerate (a new take; the old ones stay in the history).
 * Keys: A approve, R reject, J / ↓ next clip, K / ↑ previous clip, , and . step one frame.
 */
import { useEffect, useState } from 'react';
import type { ShotView, TakeView } from '../../core/api/types.ts';
import { useProject } from '../state/project-slice.ts';
import { useShots } from '../state/shots-slice.ts';
import { useSessions } from '../state/sessions-slice.ts';
import { useReview } from '../state/review-slice.ts';
import { useLook } from '../state/look-slice.ts';
import { useJobs, ACTIVE_STATES } from '../state/jobs-slice.ts';
import { useAction } from '../components/use-action.ts';
import { ScoreLegend } from '../components/score-legend.tsx';
import { money } from '../components/money.ts';
import { ReviewPlayer, type CompareSource } from '../components/review-player.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';

interface Group { key: string; title: string; shots: ShotView[] }

const VERDICT_WORDS = { approved: 'approved', rejected: 'rejected', pending: 'awaiting review' } as const;

export function ReviewScreen() {
  const lookId = useProject((s) => s.lookId);
  const S = useShots();
  const X = useSessions();
  const R = useReview();
  const look = useLook((s) => s.look);
  const running = useJobs((s) => Object.values(s.jobs).some((j) => j.lookId === lookId && ACTIVE_STATES.has(j.state)));
  const [busy, run] = useAction();
  const [shotId, setShotId] = useState<string | null>(R.focusShotId);
  const [takeId, setTakeId] = useState<string | null>(null);

  const groups: Group[] = [
    { key: 'matrix', title: 'Variation matrix', shots: S.shots.filter((s) => s.currentTakeId) },
    ...X.sessions.map((x) => ({ key: x.id, title: `Session · ${x.name}`, shots: x.shots.filter((s) => s.currentTakeId) })),
  ].filter((g) => g.shots.length > 0);
  const rendered = groups.flatMap((g) => g.shots);
  const shot = rendered.find((s) => s.id === shotId) ?? rendered[0] ?? null;
  const takes = shot ? R.takes[shot.id] : undefined;
  const take: TakeView | undefined = takes?.find((t) => t.id === takeId) ?? takes?.find((t) => t.id === shot?.currentTakeId) ?? takes?.[takes.length - 1];

  useEffect(() => { if (lookId) { void S.load(lookId); void X.load(lookId); void R.loadStats(lookId); if (look?.id !== lookId) void useLook.getState().load(lookId); } }, [lookId]);
  useEffect(() => { if (R.focusShotId) { setShotId(R.focusShotId); setTakeId(null); R.focus(null); } }, [R.focusShotId]);
  useEffect(() => { if (shot) void R.loadTakes(shot.id); }, [shot?.id, shot?.currentTakeId]);
  const parentId = shot?.parentId ?? null;
  const parentTake = parentId ? S.shots.find((s) => s.id === parentId)?.currentTakeId : null;
  useEffect(() => { if (parentId && parentTake) void R.loadTakes(parentId); }, [parentId, parentTake]);

  const move = (delta: number) => {
    if (!rendered.length) return;
    const i = Math.max(0, rendered.findIndex((s) => s.id === shot?.id));
    const next = rendered[Math.min(rendered.length - 1, Math.max(0, i + delta))]!;
    setShotId(next.id); setTakeId(null);
  };
  const refresh = async () => { await S.refresh(); if (lookId) await X.load(lookId); };
  const verdict = (v: TakeView['review']) => take && void run('Review', async () => { await R.setVerdict(take, v); await refresh(); });
  const regenerate = () => shot && void run('Regenerate', async () => {
    if (shot.sessionId) await X.regenerate(shot.id);
    else await useJobs.getState().start(shot.lookId, { shotIds: [shot.id], reroll: true });
    await useJobs.getState().load();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement || e.metaKey || e.ctrlKey || e.altKey) return;
      if (document.querySelector('[role="alertdialog"], [role="dialog"]')) return;
      const k = e.key.toLowerCase();
      if (k === 'a') { e.preventDefault(); verdict('approved'); }
      else if (k === 'r') { e.preventDefault(); verdict('rejected'); }
      else if (k === 'j' || e.key === 'ArrowDown') { e.preventDefault(); move(1); }
      else if (k === 'k' || e.key === 'ArrowUp') { e.preventDefault(); move(-1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (S.status === 'error') return <ErrorState message={S.error ?? ''} onRetry={() => lookId && void S.load(lookId)} />;
  if (S.status !== 'ready' || !look) return <Loading what="review" />;
  const stats = R.stats;
  const ready = !busy && (!shot || takes !== undefined);
  const compare: CompareSource[] = [];
  const parent = shot?.parentId ? S.shots.find((s) => s.id === shot.parentId) : undefined;
  // A variant beside its anchor: the anchor's current take plays next to it (its thumbnail until loaded).
  const anchorTake = parent ? R.takes[parent.id]?.find((t) => t.id === parent.currentTakeId) : undefined;
  if (parent) compare.push({ label: `Its anchor: #${parent.index + 1} ${parent.label}`, video: anchorTake?.graded ?? anchorTake?.original ?? null, image: parent.thumbSha256 ? { sha256: parent.thumbSha256, ext: 'png' } : null });
  const ref = look.references.find((r) => r.approved && r.role !== 'product');
  if (ref) compare.push({ label: `Look reference: ${ref.name}`, image: { sha256: ref.sha256, ext: ref.ext } });

  return (
    <section className="screen review" data-screen="review" data-ready={ready ? 'true' : 'false'} data-shot-id={shot?.id ?? ''} data-take-id={take?.id ?? ''} data-verdict={take?.review ?? ''}
      data-take-count={takes?.length ?? 0} data-approved={stats?.approved ?? 0} data-rejected={stats?.rejected ?? 0} aria-labelledby="review-title">
      <header className="screen-head">
        <h1 id="review-title">Review</h1>
        <p className="muted" data-testid="acceptance">{stats && stats.total ? `Matrix: acceptance rate ${stats.acceptanceRate === null ? '—' : `${Math.round(stats.acceptanceRate * 100)}%`} · ${stats.approved} approved · ${stats.rejected} rejected · ${stats.pending} awaiting review` : 'Approve or reject each clip.'} <kbd>A</kbd> approve · <kbd>R</kbd> reject · <kbd>J</kbd>/<kbd>K</kbd> next / previous · <kbd>,</kbd>/<kbd>.</kbd> frame</p>
      </header>
      {rendered.length === 0 ? <Empty title="Nothing to review yet"><p>Run the matrix or render a session; rendered clips appear here.</p></Empty> : (
        <div className="review-layout">
          <ul className="review-list" aria-label="Clips to review">
            {groups.map((g) => [
              <li key={`${g.key}-title`} className="review-group" aria-hidden="true">{g.title}</li>,
              ...g.shots.map((s) => (
                <li key={s.id}>
                  <button type="button" className={s.id === shot?.id ? 'selected' : ''} aria-current={s.id === shot?.id ? 'true' : undefined} data-shot-id={s.id} onClick={() => { setShotId(s.id); setTakeId(null); }}>
                    <span>#{s.index + 1} {s.label}{s.score !== null && <span className={`badge score ${s.pass ? 'pass' : 'fail'}`} title={s.pass ? 'passed the gate' : 'failed the gate'}>{s.score.toFixed(2)}</span>}</span>
                    <span className={`badge review-${s.review ?? 'pending'}`}>{VERDICT_WORDS[s.review ?? 'pending']}</span>
                  </button>
                </li>
              )),
            ])}
          </ul>
          <div className="review-main">
            {!take || !shot ? <Loading what="takes" /> : (
              <>
                <ReviewPlayer take={take} label={shot.label} fps={look.batch.fps} compare={compare} />
                <div className="toolbar">
                  <span className="muted small">{shot.sessionId ? 'Session shot' : shot.kind} #{shot.index + 1} · attempt {take.attempt} · {VERDICT_WORDS[take.review]}</span>
                  <span className="spacer" />
                  <button type="button" disabled={busy || running} title={running ? 'Wait for the run of this look to finish' : 'Render a new take with a new seed; this take stays in the history'} onClick={regenerate}>Regenerate</button>
                  <button type="button" className="ok" aria-keyshortcuts="A" disabled={busy} onClick={() => verdict('approved')}>Approve (A)</button>
                  <button type="button" className="danger" aria-keyshortcuts="R" disabled={busy} onClick={() => verdict('rejected')}>Reject (R)</button>
                </div>
                <div className="columns">
                  <div className="panel">
                    <ScoreLegend take={take} />
                    <p className="muted small">{take.provider} · {take.model} · {take.mechanism}{take.previz ? ' · previz (local animatic)' : ''} · {money(take.costUsd, take.costEstimated)}{take.seed !== null && take.seed !== undefined ? ` · seed ${take.seed}` : ''}</p>
                    {take.renderNote && <p className="muted small render-note" aria-label="What the renderer did">{take.renderNote}</p>}
                  </div>
                  <div className="panel">
                    <h2>Take history</h2>
                    <ol className="takes" aria-label="Take history">
                      {(takes ?? []).map((t) => (
                        <li key={t.id}><button type="button" className={t.id === take.id ? 'selected' : ''} onClick={() => setTakeId(t.id)}>
                          Attempt {t.attempt} · {t.score === null ? '—' : t.score.toFixed(2)} {t.pass === false ? '(failed the gate)' : ''}{t.id === shot.currentTakeId ? ' · current' : ''} · <span className={`badge review-${t.review}`}>{VERDICT_WORDS[t.review]}</span>
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
