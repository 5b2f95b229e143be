/**
 * Job queue: rows grouped by run (a look batch or a session), each with its phase (render / grade
 * / score / retry n of m), an ETA, progress pushed by the engine, the gate's verdict, a link to its
 * shot, and Cancel / Retry that act on that row's clip only.
 */
import { useEffect } from 'react';
import type { JobView } from '../../core/api/types.ts';
import { useJobs, ACTIVE_STATES } from '../state/jobs-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useSessions } from '../state/sessions-slice.ts';
import { useShots } from '../state/shots-slice.ts';
import { useAction } from '../components/use-action.ts';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { jobCost, queueCost } from '../components/money.ts';
import { StuckJobs } from '../components/stuck-jobs.tsx';

const STATE_WORDS: Record<JobView['state'], string> = {
  queued: 'queued', running: 'running', succeeded: 'rendered', failed: 'failed', canceled: 'canceled', needs_user_decision: 'needs your decision',
};

function eta(s: number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return s < 60 ? `about ${Math.max(1, s)} s left` : `about ${Math.round(s / 60)} min left`;
}

/** What a finished row says: rendered and passed, or rendered and failed the gate (never plain success). */
function stateLabel(j: JobView): string {
  if (j.state === 'succeeded' && j.gate === 'failed') return 'failed the gate';
  if (j.state === 'succeeded' && j.gate === 'passed') return 'passed the gate';
  return STATE_WORDS[j.state];
}

function groupsOf(jobs: JobView[]): { key: string; title: string; jobs: JobView[] }[] {
  const map = new Map<string, { key: string; title: string; jobs: JobView[] }>();
  for (const j of jobs) {
    const key = j.runId ?? 'earlier';
    if (!map.has(key)) map.set(key, { key, title: j.group ?? 'Earlier runs', jobs: [] });
    map.get(key)!.jobs.push(j);
  }
  return [...map.values()];
}

export function JobsScreen() {
  const J = useJobs();
  const [, run] = useAction();
  useEffect(() => { void J.load(); }, []);

  if (J.status === 'error') return <ErrorState message={J.error ?? ''} onRetry={() => void J.load()} />;
  if (J.status !== 'ready') return <Loading what="job queue" />;
  const jobs = Object.values(J.jobs).sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  const active = jobs.filter((j) => ACTIVE_STATES.has(j.state)).length;
  const succeeded = jobs.filter((j) => j.state === 'succeeded').length;
  const gateFailed = jobs.filter((j) => j.state === 'succeeded' && j.gate === 'failed').length;
  // A row links to its shot: a session shot opens the timeline on it, a matrix clip the matrix.
  const open = (j: JobView) => {
    if (j.sessionId) { useSessions.getState().select(j.sessionId, j.shotId); void useUi.getState().go('timeline'); }
    else { void useShots.getState().select(j.shotId); void useUi.getState().go('matrix'); }
  };

  return (
    <section className="screen" data-screen="jobs" data-ready="true" data-active={active} data-succeeded={succeeded} data-total={jobs.length} aria-labelledby="jobs-title">
      <header className="screen-head">
        <h1 id="jobs-title">Job queue</h1>
        <p className="muted">{jobs.length ? `${active} running or queued · ${succeeded} of ${jobs.length} rendered${gateFailed ? ` · ${gateFailed} failed the quality gate (see Review)` : ''} · cost so far ${queueCost(jobs)}${jobs.every((j) => j.local) ? '' : ' (list price; the provider\'s bill is what counts)'}` : 'Runs appear here with live progress.'}</p>
      </header>
      <StuckJobs />
      {jobs.length === 0 ? <Empty title="No jobs yet"><p>Plan the matrix and press “Run all clips”, or render a session on the Shot timeline.</p></Empty> : groupsOf(jobs).map((g) => (
        <div key={g.key} className="job-group" data-run-id={g.key}>
          <h2>{g.title} <span className="muted small">{g.jobs.filter((j) => ACTIVE_STATES.has(j.state)).length} active · {g.jobs.length} clips</span></h2>
          <table className="jobs" aria-label={`Jobs of ${g.title}`}>
            <thead><tr><th scope="col">Clip</th><th scope="col">State</th><th scope="col">Progress</th><th scope="col">Cost</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
            <tbody>
              {g.jobs.map((j) => (
                <tr key={j.id} data-job-id={j.id} data-state={j.state} data-gate={j.gate ?? ''} data-shot-id={j.shotId}>
                  <td><button type="button" className="link" title="Show this shot" onClick={() => open(j)}>{j.label}</button>{j.error && <div className="field-error small">{j.error}</div>}</td>
                  <td><span className={`badge state-${j.state}${j.gate ? ` gate-${j.gate}` : ''}`}>{stateLabel(j)}</span></td>
                  <td>
                    <div className="progress" role="progressbar" aria-label={`Progress of ${j.label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(j.progress * 100)}>
                      <div className="progress-bar" style={{ width: `${Math.round(j.progress * 100)}%` }} />
                    </div>
                    {ACTIVE_STATES.has(j.state) && <div className="phase" data-testid="phase">{j.phase ?? j.state}{j.etaSeconds !== null && j.etaSeconds !== undefined ? ` · ${eta(j.etaSeconds)}` : ''}</div>}
                  </td>
                  <td className="num" data-testid="job-cost" title={j.local ? 'The local renderer runs on this machine: nothing is paid' : 'This clip\'s take, at list price until the provider reports a charge; — while nothing was made (a create that never reached the provider costs nothing)'}>{jobCost(j)}</td>
                  <td className="row-actions">
                    {ACTIVE_STATES.has(j.state) && <button type="button" title="Stops this clip only; the other clips carry on" aria-label={`Cancel ${j.label}`} onClick={() => void run('Cancel clip', () => J.cancel(j.id))}>Cancel</button>}
                    {(j.state === 'failed' || j.state === 'canceled') && <button type="button" title="Runs this clip again; the others are left as they are" aria-label={`Retry ${j.label}`} onClick={() => void run('Retry clip', () => J.retry(j.id))}>Retry</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
