/** canon.* and plan.* / shots.*: draft and edit the canon, plan the matrix, inspect a shot. */
import { draftCanonOffline } from '../../canon/draft-canon-offline.ts';
import { draftCanonOpenAI } from '../../canon/draft-canon-openai.ts';
import { applyCanonOverrides } from '../../canon/apply-canon-overrides.ts';
import { compilePrompt } from '../../canon/compile-prompt.ts';
import { promptProfileFor } from '../../canon/prompt-model-profile.ts';
import { InputError } from '../../domain/errors.ts';
import { parseSize } from '../../domain/look.ts';
import { referencePalettesOf } from '../../plan/plan-look.ts';
import { planAndStore } from '../plan-store.ts';
import { gateOptionsFromEnv, gateModel } from '../../providers/gating.ts';
import { getCanonVersion, listCanonVersions, saveCanonVersion } from '../../store/looks-repo.ts';
import { getShot, listShots, setShotsStale, updateShotPlan } from '../../store/shots-repo.ts';
import { withShotEdit } from '../../plan/shot-edits.ts';
import { parseShotDeltas } from '../shot-deltas.ts';
import type { Handlers } from '../dispatch.ts';
import { loadedLookFromProject } from '../loaded-look.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { canonRowView, canonView, requireLook, shotView } from '../views.ts';
import type { ShotDetail } from '../types.ts';

type Group = Pick<Handlers, 'canon.draft' | 'canon.update' | 'canon.versions' | 'canon.restore' | 'plan.create' | 'shots.list' | 'shots.get' | 'shots.update'>;

/**
 * `isRunning`: a run of the look is in progress. Re-planning then would attach the old plan's
 * takes to the new plan's shots (issue 16 item 2), so it waits for the run.
 */
export function canonPlanHandlers(ctx: StudioContext, isRunning: (lookId: string) => boolean = () => false): Group {
  const staleAll = (lookId: string) => {
    const { project } = requireProject(ctx);
    // Takes made from an older canon no longer match it: mark them, never delete them.
    setShotsStale(project.db, listShots(project.db, lookId).filter((s) => s.currentTakeId).map((s) => s.id), true);
  };
  const shotDetail = (shotId: string): ShotDetail => {
    const { project } = requireProject(ctx);
    const row = getShot(project.db, shotId);
    if (!row) throw new InputError(`shot not found: ${shotId}`, 'shotId', shotId);
    const look = requireLook(project, row.lookId).look;
    const c = getCanonVersion(project.db, row.lookId);
    const { provider, model, seconds, fps, seed } = look.batch;
    const compiled = c ? compilePrompt({ canon: c.canon, shot: row.plan, brandKit: look.brandKit, model: promptProfileFor(model), batch: { ...parseSize(look.batch.size), seconds, fps, seed } }) : null;
    let gating = { ok: true, message: `${provider} · ${model} can carry this shot's visual anchor.` };
    try {
      gateModel(model, { purpose: row.sessionId ? 'session' : 'look-batch', commercialOnly: look.batch.commercialOnly, provider, ...gateOptionsFromEnv(ctx.engineEnv()) });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      gating = { ok: false, message: err.message };
    }
    return {
      shot: shotView(project, row),
      prompt: compiled?.prompt ?? row.plan.prompt ?? 'Draft the canon to see the compiled prompt.',
      promptBy: row.plan.prompt ? 'person' : 'canon',
      ...(compiled?.canonPrompt !== undefined ? { canonPrompt: compiled.canonPrompt } : {}),
      negativePrompt: compiled?.negativePrompt ?? '',
      model: { provider, model },
      gating,
    };
  };
  return {
    'canon.draft': async ({ lookId, mode }) => {
      const { project } = requireProject(ctx);
      const loaded = loadedLookFromProject(project, lookId);
      const palettes = referencePalettesOf(loaded);
      let canon;
      if (mode === 'openai') {
        const env = ctx.engineEnv();
        const apiKey = env.OPENAI_API_KEY;
        if (!apiKey) throw new InputError('No OpenAI key is set. Add one in Settings → Provider keys, or draft offline.', 'mode', mode);
        canon = await draftCanonOpenAI(loaded.look, palettes, { apiKey, baseURL: env.OPENAI_BASE_URL });
      } else {
        canon = draftCanonOffline(loaded.look, palettes);
      }
      saveCanonVersion(project.db, lookId, applyCanonOverrides(canon, loaded.look.canonOverrides), mode);
      staleAll(lookId);
      return canonView(project, lookId)!;
    },
    'canon.update': async ({ lookId, canon }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      saveCanonVersion(project.db, lookId, canon, 'edited');
      staleAll(lookId);
      return canonView(project, lookId)!;
    },
    'canon.versions': async ({ lookId }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      return listCanonVersions(project.db, lookId).reverse().map(canonRowView);
    },
    'canon.restore': async ({ lookId, version }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      const old = getCanonVersion(project.db, lookId, version);
      if (!old) throw new InputError(`This look has no canon version ${version}; pick one from the version list.`, 'version', version);
      // A restore is a new version (nothing is overwritten), recorded as a copy of the old one.
      saveCanonVersion(project.db, lookId, old.canon, `restored:v${version}`);
      staleAll(lookId);
      return canonView(project, lookId)!;
    },
    'plan.create': async ({ lookId, clips, seed }) => {
      const { project } = requireProject(ctx);
      if (isRunning(lookId)) throw new InputError('A run of this look is in progress: wait for it to finish (or cancel it) before re-planning.', 'lookId', lookId);
      // The matrix screen asks the person before a re-plan with another clip count or seed ("Re-plan
      // and remove takes"), so that one may replace; the same settings keep every shot with a take.
      const batch = requireLook(project, lookId).look.batch;
      const { plan, rows } = await planAndStore(project, lookId, clips, seed, clips !== batch.clips || seed !== batch.seed);
      ctx.emit('look-updated', { lookId }); // the batch now records this clip count and seed
      const look = requireLook(project, lookId).look;
      const budget = look.batch.budgetUsd ?? ctx.settings.get().budgetUsd;
      if (budget !== null && budget !== undefined && plan.cost.totalUsd > budget) {
        ctx.emit('budget-warning', { lookId, estimateUsd: plan.cost.totalUsd, budgetUsd: budget, message: `The plan is estimated at $${plan.cost.totalUsd.toFixed(2)}, over the $${budget.toFixed(2)} budget. Lower the clip count or pick a cheaper model.` });
      }
      const costBasis = plan.cost.known ? (plan.cost.totalUsd === 0 && look.batch.provider === 'local' ? 'free' : 'list-price') : 'unknown';
      return { shots: rows.map((r) => shotView(project, r)), estimateUsd: plan.cost.totalUsd, budgetUsd: budget ?? null, costBasis };
    },
    'shots.list': async ({ lookId }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      return listShots(project.db, lookId).map((r) => shotView(project, r));
    },
    'shots.update': async ({ shotId, framing, motion, deltas, prompt }) => {
      const { project } = requireProject(ctx);
      const row = getShot(project.db, shotId);
      if (!row || row.sessionId) throw new InputError(`This is not a shot of the variation matrix (${shotId}); session shots are edited on the Shot timeline.`, 'shotId', shotId);
      if (isRunning(row.lookId)) throw new InputError('A run of this look is in progress: wait for it to finish (or cancel it) before editing a shot.', 'shotId', shotId);
      const patch = {
        ...(framing ? { framing } : {}), ...(motion ? { motion } : {}),
        ...(deltas ? { deltas: parseShotDeltas(project, row.lookId, row.plan.kind, deltas) } : {}),
        // '' (or only spaces) gives the shot back to the canon's prompt.
        ...(prompt !== undefined && prompt.trim() !== (row.plan.prompt ?? '') ? { prompt: prompt.trim() || undefined } : {}),
      };
      if (Object.keys(patch).length === 0) throw new InputError('Nothing to change: set the framing, the camera motion, the changes or the prompt.', 'shotId', shotId);
      const label = patch.deltas ? `${row.plan.id}: ${patch.deltas.map((d) => d.label).join(' + ') || 'no declared change'}` : row.plan.label;
      const edited = withShotEdit(row.plan, { ...patch, label }, 'person (shot editor)');
      if (edited.prompt === undefined) delete edited.prompt;
      updateShotPlan(project.db, row.id, edited);
      // The take on screen was made for the old settings: it stays, marked stale, until re-rendered.
      if (row.currentTakeId) setShotsStale(project.db, [row.id], true);
      ctx.emit('shot-updated', { lookId: row.lookId, shotId: row.id });
      return shotDetail(row.id);
    },
    'shots.get': async ({ shotId }) => shotDetail(shotId),
  };
}
