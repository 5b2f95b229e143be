/**
 * Paid jobs waiting for a person (issue 12 item 5): the create may or may not have reached the
 * provider, so the app never sends it again on its own. Abandon gives the take up; Resubmit sets
 * it aside so the shot's next run makes a NEW take (a new create). Both ask first and say that
 * whether the old one was billed is on the provider's dashboard.
 */
import { useEffect, useState } from 'react';
import type { StuckJobView } from '../../core/api/types.ts';
import { call, studio } from '../bridge.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from './use-action.ts';
import { est } from './money.ts';

export function StuckJobs() {
  const [jobs, setJobs] = useState<StuckJobView[] | null>(null);
  const [busy, run] = useAction();
  const load = () => void run('Load paid jobs', async () => setJobs(await call(studio().jobs.stuck())));
  useEffect(load, []);
  if (!jobs || jobs.length === 0) return null;

  const decide = (j: StuckJobView, decision: 'abandon' | 'resubmit') => void run(decision === 'abandon' ? 'Abandon job' : 'Resubmit job', async () => {
    const ok = await useUi.getState().confirm(decision === 'abandon'
      ? { title: `Abandon the paid job of ${j.shotLabel}?`, body: `No new take is made for it. Whether ${j.provider} billed the first request (${est(j.estimatedCostUsd)} at list price) is unknown: check its dashboard.`, confirm: 'Abandon', danger: true }
      : { title: `Resubmit ${j.shotLabel}?`, body: `The old request is set aside and the shot's next run sends a NEW one, which can cost ${est(j.estimatedCostUsd)} again. Check ${j.provider}'s dashboard first: if the first request was billed and finished, its output may still be there.`, confirm: 'Set aside and resubmit' });
    if (!ok) return;
    await call(studio().jobs.decide({ jobId: j.id, decision }));
    useUi.getState().toast('info', decision === 'abandon' ? `${j.shotLabel}: abandoned.` : `${j.shotLabel}: set aside. Run the clip again (Run all clips, or Regenerate) to send it as a new take.`);
    setJobs(await call(studio().jobs.stuck()));
  });

  return (
    <div className="panel stuck-jobs" data-testid="stuck-jobs" data-count={jobs.length}>
      <h2>Paid jobs waiting for your decision</h2>
      <p className="muted small">The app stopped (or the connection dropped) before the provider's answer was saved, so these are never sent again on their own.</p>
      <table className="jobs" aria-label="Paid jobs waiting for your decision">
        <thead><tr><th scope="col">Clip</th><th scope="col">Provider</th><th scope="col">Cost</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id} data-stuck-job-id={j.id}>
              <td>{j.shotLabel}{j.keyframe ? ' (keyframe)' : ''}<div className="muted small">{j.reason}</div></td>
              <td>{j.provider} · {j.model}</td>
              <td className="num" title="List price; whether it was charged is unknown">{est(j.estimatedCostUsd)}</td>
              <td className="row-actions">
                <button type="button" disabled={busy} aria-label={`Resubmit ${j.shotLabel}`} onClick={() => decide(j, 'resubmit')}>Resubmit</button>
                <button type="button" className="danger" disabled={busy} aria-label={`Abandon ${j.shotLabel}`} onClick={() => decide(j, 'abandon')}>Abandon</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
