/** Variation matrix: anchors as rows with their variants and seasonal swaps beside them; plan, estimate, run. */
import { useEffect, useState } from 'react';
import type { ShotView } from '../../core/api/types.ts';
import { useLook } from '../state/look-slice.ts';
import { useProject } from '../state/project-slice.ts';
import { useShots } from '../state/shots-slice.ts';
import { useJobs, ACTIVE_STATES } from '../state/jobs-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { ShotCard } from '../components/shot-card.tsx';
import { ShotEditor } from '../components/shot-editor.tsx';
import { planCost } from '../components/money.ts';
import { Empty, ErrorState, Loading } from '../components/status.tsx';

function rows(shots: ShotView[]): { anchor: ShotView; children: ShotView[] }[] {
  const anchors = shots.filter((s) => s.kind === 'anchor');
  return anchors.map((anchor) => ({ anchor, children: shots.filter((s) => s.parentId === anchor.id).sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === 'variant' ? -1 : 1)) }));
}

export function MatrixScreen() {
  const lookId = useProject((s) => s.lookId);
  const look = useLook((s) => s.look);
  const S = useShots();
  const jobs = useJobs();
  const go = useUi((s) => s.go);
  const [busy, run] = useAction();
  const [clips, setClips] = useState(8);
  const [seed, setSeed] = useState(1);

  useEffect(() => { if (lookId) { void S.load(lookId); if (look?.id !== lookId) void useLook.getState().load(lookId); } }, [lookId]);
  useEffect(() => { if (look) { setClips(look.batch.clips); setSeed(look.batch.seed); } }, [look?.id, look?.updatedAt]);

  if (S.status === 'error') return <ErrorState message={S.error ?? ''} onRetry={() => lookId && void S.load(lookId)} />;
  if (S.status !== 'ready') return <Loading what="variation matrix" />;
  const grouped = rows(S.shots);
  const orphans = S.shots.filter((s) => s.kind !== 'anchor' && !S.shots.some((a) => a.id === s.parentId));
  const done = S.shots.filter((s) => s.status === 'done' || s.status === 'review').length;
  const running = Object.values(jobs.jobs).some((j) => j.lookId === lookId && ACTIVE_STATES.has(j.state));
  const canRun = S.shots.length > 0 && !jobs.starting && !running;
  const rendered = S.shots.filter((s) => s.currentTakeId);
  const approved = rendered.filter((s) => s.review === 'approved').length;
  const rejected = rendered.filter((s) => s.review === 'rejected').length;
  // A different plan replaces the shots and their takes: say what would go, and ask first.
  const replan = () => void run('Plan matrix', async () => {
    const same = look && clips === look.batch.clips && seed === look.batch.seed;
    if (rendered.length > 0 && !same) {
      const ok = await useUi.getState().confirm({
        title: 'Re-plan the matrix?',
        body: `A plan with ${clips} clips and seed ${seed} replaces the current ${S.shots.length} shots. Their ${rendered.length} rendered takes (${approved} approved, ${rejected} rejected) are removed from the matrix. Export what you want to keep first.`,
        confirm: 'Re-plan and remove takes', danger: true,
      });
      if (!ok) return;
    }
    await S.plan(clips, seed);
  });
  const regenerate = (id: string) => void run('Regenerate', async () => { await jobs.start(lookId!, { shotIds: [id], reroll: true }); });

  return (
    <section className="screen with-side" data-screen="matrix" data-ready={busy || S.planning ? 'false' : 'true'} data-shot-count={S.shots.length} data-done-count={done} aria-labelledby="matrix-title">
      <div className="main-col">
        <header className="screen-head">
          <h1 id="matrix-title">Variation matrix</h1>
          <p className="muted">{S.shots.length ? `${S.shots.length} clips · ${done} rendered` : 'Anchors hold continuity; variants change 1–2 declared things; seasonal swaps change motifs and props only.'}</p>
        </header>
        <div className="toolbar">
          <label className="inline">Clips<input type="number" aria-label="Clips to plan" className="narrow" min={8} max={20} value={clips} onChange={(e) => setClips(Number(e.target.value))} /></label>
          <label className="inline">Seed<input type="number" aria-label="Plan seed" className="narrow" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} /></label>
          <button type="button" disabled={busy || S.planning || !look?.canon || running} title={running ? 'Wait for the run to finish (or cancel it) before re-planning' : undefined} onClick={replan}>{S.shots.length ? 'Re-plan' : 'Plan matrix'}</button>
          {!look?.canon && <span className="muted small">Draft the canon first.</span>}
          {running && <span className="muted small">A run is in progress: the plan is locked until it ends.</span>}
          <span className="spacer" />
          {S.estimate && <span className="chip" data-testid="estimate" title={S.estimate.costBasis === 'free' ? 'The local renderer runs on this machine: no provider is paid' : 'At list price; providers bill what they report'}>{planCost(S.estimate.estimateUsd, S.estimate.costBasis)}{S.estimate.budgetUsd !== null ? ` · budget $${S.estimate.budgetUsd.toFixed(2)}` : ''}</span>}
          <button type="button" className="primary" disabled={!canRun} title="Renders every clip without a take (and stale ones); use Regenerate for a new take of a rendered clip" onClick={() => void run('Start run', async () => { await jobs.start(lookId!); await go('jobs'); })}>Run all clips</button>
        </div>
        {S.shots.length === 0 ? <Empty title="No plan yet"><p>Plan the matrix to see anchors, variants and seasonal swaps.</p></Empty> : (
          <div className="matrix" role="list" aria-label="Variation matrix">
            {grouped.map(({ anchor, children }) => (
              <div key={anchor.id} className="matrix-row" role="listitem" aria-label={`Anchor ${anchor.index + 1} and its variants`}>
                <div className="matrix-anchor"><ShotCard shot={anchor} selected={S.selectedId === anchor.id} onSelect={() => void S.select(anchor.id)} /></div>
                <div className="matrix-children">
                  {children.map((c) => <ShotCard key={c.id} shot={c} selected={S.selectedId === c.id} onSelect={() => void S.select(c.id)} />)}
                </div>
              </div>
            ))}
            {orphans.length > 0 && <div className="matrix-row"><div className="matrix-children">{orphans.map((c) => <ShotCard key={c.id} shot={c} selected={S.selectedId === c.id} onSelect={() => void S.select(c.id)} />)}</div></div>}
          </div>
        )}
      </div>
      {S.selectedId && <ShotEditor detail={S.detail} error={S.detailError} onClose={() => void S.select(null)} running={running} onRegenerate={regenerate} />}
    </section>
  );
}
