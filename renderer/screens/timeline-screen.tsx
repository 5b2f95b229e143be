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
import { useJobs } from '../state/jobs-slice.ts';

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

  return (
    <section className="screen with-side" data-screen="timeline" data-ready={busy ? 'false' : 'true'} aria-labelledby="timeline-title">
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
          {session && session.shots.length > 0 && (
            <button type="button" className="primary" disabled={busy} title="Renders shots that are stale or not rendered yet, in order"
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
                  <button type="button" className="tl-card" aria-label={`Shot ${i + 1}: ${s.label}${s.stale ? ' (stale)' : ''}`} onClick={() => X.select(session.id, s.id)}>
                    {s.thumbSha256 ? <img src={assetUrl({ sha256: s.thumbSha256, ext: 'png' })} alt="" /> : <div className="thumb-empty">#{i + 1}</div>}
                    <span className="tl-label">#{i + 1} {s.label}</span>
                    {s.stale && <span className="badge stale-badge">stale</span>}
                  </button>
                  <button type="button" className="ghost small" aria-label={`Remove shot ${i + 1}`} onClick={() => void run('Remove shot', () => X.update(studio().sessions.removeShot({ sessionId: session.id, shotId: s.id })))}>×</button>
                </li>
              ))}
            </ol>
          )}
      </div>
      {session && shot && <StylePanel session={session} shot={shot} look={look} />}
    </section>
  );
}
