/** Job queue: live progress per job (pushed by the engine), cost so far, cancel, retry. */
import { useEffect } from 'react';
import { useJobs, ACTIVE_STATES } from '../state/jobs-slice.ts';
import { useAction } from '../components/use-action.ts';
import { Empty, ErrorState, Loading } from '../components/status.tsx';

export function JobsScreen() {
  const J = useJobs();
  const [, run] = useAction();
  useEffect(() => { void J.load(); }, []);

  if (J.status === 'error') return <ErrorState message={J.error ?? ''} onRetry={() => void J.load()} />;
  if (J.status !== 'ready') return <Loading what="job queue" />;
  const jobs = Object.values(J.jobs).sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  const active = jobs.filter((j) => ACTIVE_STATES.has(j.state)).length;
  const succeeded = jobs.filter((j) => j.state === 'succeeded').length;
  const cost = jobs.reduce((n, j) => n + j.costSoFarUsd, 0);

  return (
    <section className="screen" data-screen="jobs" data-ready="true" data-active={active} data-succeeded={succeeded} data-total={jobs.length} aria-labelledby="jobs-title">
      <header className="screen-head">
        <h1 id="jobs-title">Job queue</h1>
        <p className="muted">{jobs.length ? `${active} running or queued · ${succeeded} of ${jobs.length} done · cost so far $${cost.toFixed(2)}` : 'Runs appear here with live progress.'}</p>
      </header>
      {jobs.length === 0 ? <Empty title="No jobs yet"><p>Plan the matrix and press “Run all clips”.</p></Empty> : (
        <table className="jobs" aria-label="Jobs">
          <thead><tr><th scope="col">Clip</th><th scope="col">State</th><th scope="col">Progress</th><th scope="col">Cost</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id} data-job-id={j.id} data-state={j.state}>
                <td>{j.label}{j.error && <div className="field-error small">{j.error}</div>}</td>
                <td><span className={`badge state-${j.state}`}>{j.state.replace(/_/g, ' ')}</span></td>
                <td>
                  <div className="progress" role="progressbar" aria-label={`Progress of ${j.label}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(j.progress * 100)}>
                    <div className="progress-bar" style={{ width: `${Math.round(j.progress * 100)}%` }} />
                  </div>
                </td>
                <td className="num">${j.costSoFarUsd.toFixed(2)}</td>
                <td className="row-actions">
                  {ACTIVE_STATES.has(j.state) && <button type="button" title="Stops the run this clip belongs to; finished clips are kept" aria-label={`Cancel ${j.label}`} onClick={() => void run('Cancel job', () => J.cancel(j.id))}>Cancel</button>}
                  {(j.state === 'failed' || j.state === 'canceled' || j.state === 'needs_user_decision') && <button type="button" aria-label={`Retry ${j.label}`} onClick={() => void run('Retry job', () => J.retry(j.id))}>Retry</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
