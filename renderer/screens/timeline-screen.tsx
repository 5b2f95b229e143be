/** Shot timeline for continuity sessions: thumbnails in order, bridge / style-match links, inheritance, drag to reorder, stale marks. */
import { useEffect, useState, type FormEvent } from 'react';
import type { ShotView } from '../../core/api/types.ts';
import { useProject } from '../state/project-slice.ts';
import { useLook } from '../state/look-slice.ts';
import { useSessions } from '../state/sessions-slice.ts';
import { useAction } from '../components/use-action.ts';
import { StylePanel } from '../components/style-panel.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { assetUrl, call, studio } from '../bridge.ts';
import { useJobs, ACTIVE_STATES } from '../state/jobs-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useReview } from '../state/review-slice.ts';

function Link({ shot, shots }: { shot: ShotView; shots: ShotView[] }) {
  const from = shot.styleReferenceId ? shots.find((s) => s.id === shot.styleReferenceId) : undefined;
  if (from) return <div className="link inherit" title={`Inherits style from shot ${from.index + 1}`}>↶ #{from.index + 1}</div>;
  return <div className={`link ${shot.continuityMode}`} title={shot.continuityMode}>{shot.continuityMode === 'frame-bridge' ? '⇢ bridge' : shot.continuityMode === 'style-match' ? '≈ style' : '·'}</div>;
}

export function TimelineScreen() {
  const lookId = useProject((s) => s.lookId);
  const look = useLook((s) => s.look);
  const X = useSessions();
  const [busy, run] = useAction();
  const [name, setName] = useState('');
  const [drag, setDrag] = useState<string | null>(null);
  const running = useJobs((st) => Object.values(st.jobs).some((j) => j.lookId === lookId && ACTIVE_STATES.has(j.state)));
  const ui = useUi();

  useEffect(() => { if (lookId) { void X.load(lookId); if (look?.id !== lookId) void useLook.getState().load(lookId); } }, [lookId]);

  if (X.status === 'error') return <ErrorState message={X.error ?? ''} onRetry={() => lookId && void X.load(lookId)} />;
  if (X.status !== 'ready' || !look) return <Loading what="shot timeline" />;
  const session = X.sessions.find((s) => s.id === X.sessionId) ?? null;
  const shot = session?.shots.find((s) => s.id === X.shotId) ?? null;
  const create = (e: FormEvent) => { e.preventDefault(); void run('Create session', () => X.create(name.trim())).then((ok) => ok && setName('')); };
  const drop = (targetId: string) => {
    if (!session || !drag || drag === targetId) return;
    const ids = session.shots.map((s) => s.id).filter((id) => id !== drag);
    ids.splice(ids.indexOf(targetId), 0, drag);
    setDrag(null);
    void run('Reorder', () => X.reorder(ids));
  };

  const removeShot = (s: ShotView, i: number) => void run('Remove shot', async () => {
    const takes = s.currentTakeId ? ' Its takes are deleted with it.' : '';
    if (!(await ui.confirm({ title: `Remove shot ${i + 1}?`, body: `“${s.label}” leaves the session.${takes} Shots that continued from it are marked stale.`, confirm: 'Remove shot', danger: true }))) return;
    await X.removeShot(s.id);
  });
  const deleteSession = () => session && void run('Delete session', async () => {
    if (!(await ui.confirm({ title: `Delete session “${session.name}”?`, body: `Its ${session.shots.length} shots and all their takes are deleted. This cannot be undone.`, confirm: 'Delete session', danger: true }))) return;
    await X.remove(session.id);
  });
  const review = (s: ShotView) => { useReview.getState().focus(s.id); void ui.go('review'); };
  const rendered = session ? session.shots.filter((s) => s.currentTakeId).length : 0;

  return (
    <section className="screen with-side" data-screen="timeline" data-ready={busy ? 'false' : 'true'} data-rendered={rendered} aria-labelledby="timeline-title">
      <div className="main-col">
        <header className="screen-head"><h1 id="timeline-title">Shot timeline</h1><p className="muted">A continuity session: each shot continues the previous one by a frame bridge or a style-matched keyframe, or inherits from an earlier shot.</p></header>
        <div className="toolbar">
          <select aria-label="Session" value={X.sessionId ?? ''} onChange={(e) => X.select(e.target.value || null)}>
            {X.sessions.length === 0 && <option value="">No sessions</option>}
            {X.sessions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          <form className="form-row" onSubmit={create}>
            <input aria-label="New session name" placeholder="New session name" value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" disabled={busy || !name.trim()}>Create session</button>
          </form>
          <span className="spacer" />
          {session && <button type="button" disabled={busy} onClick={() => void run('Add shot', () => X.addShot())}>Add shot</button>}
          {session && <button type="button" className="ghost" disabled={busy || running} onClick={deleteSession}>Delete session</button>}
          {session && rendered > 0 && <button type="button" disabled={busy} onClick={() => ui.setExportOpen(true, session.id)}>Export session…</button>}
          {session && session.shots.length > 0 && (
            <button type="button" className="primary" disabled={busy || running} title={running ? 'A run of this look is in progress' : 'Renders shots that are stale or not rendered yet, in order'}
              onClick={() => void run('Render session', async () => { await call(studio().runs.session({ sessionId: session.id })); await useJobs.getState().load(); })}>Render session</button>
          )}
        </div>
        {!session ? <Empty title="No session yet"><p>Create a session to lay out a sequence of shots that continue each other.</p></Empty>
          : session.shots.length === 0 ? <Empty title="Empty session"><p>Add the first shot.</p></Empty> : (
            <ol className="timeline" aria-label={`Shots of ${session.name}`}>
              {session.shots.map((s, i) => (
                <li key={s.id} className={`tl-item${s.id === X.shotId ? ' selected' : ''}${s.stale ? ' stale' : ''}`} draggable
                  onDragStart={() => setDrag(s.id)} onDragOver={(e) => e.preventDefault()} onDrop={() => drop(s.id)}>
                  {i > 0 && <Link shot={s} shots={session.shots} />}
                  <button type="button" className="tl-card" data-shot-id={s.id} aria-label={`Shot ${i + 1}: ${s.label}${s.stale ? ' (stale)' : ''}`} onClick={() => X.select(session.id, s.id)}>
                    {s.thumbSha256 ? <img src={assetUrl({ sha256: s.thumbSha256, ext: 'png' })} alt="" /> : <div className="thumb-empty">#{i + 1}</div>}
                    <span className="tl-label">#{i + 1} {s.label}</span>
                    {s.score !== null && (
                      <span className="tl-badges" data-testid="tl-gate" data-gate={s.pass ? 'passed' : 'failed'}>
                        <span className={`badge score ${s.pass ? 'pass' : 'fail'}`} title="Continuity score">{s.score.toFixed(2)}</span>
                        <span className={`badge ${s.pass ? 'gate-passed' : 'gate-failed'}`}>{s.pass ? 'passed' : 'failed the gate'}</span>
                        {s.review && s.review !== 'pending' && <span className={`badge review-${s.review}`}>{s.review}</span>}
                      </span>
                    )}
                    {s.stale && <span className="badge stale-badge">stale</span>}
                  </button>
                  <button type="button" className="ghost small" aria-label={`Remove shot ${i + 1}`} disabled={running} onClick={() => removeShot(s, i)}>×</button>
                </li>
              ))}
            </ol>
          )}
      </div>
      {session && shot && (
        <StylePanel session={session} shot={shot} look={look}>
          <div className="tl-actions">
            <button type="button" disabled={!shot.currentTakeId} onClick={() => review(shot)}>Review this shot</button>
            <button type="button" disabled={busy || running || !shot.currentTakeId} title={running ? 'A run of this look is in progress' : 'A new take with a new seed; earlier takes stay in the history and later shots are marked stale'}
              onClick={() => void run('Regenerate', async () => { await X.regenerate(shot.id); await useJobs.getState().load(); })}>Regenerate</button>
          </div>
        </StylePanel>
      )}
    </section>
  );
}
