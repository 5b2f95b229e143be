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
import { getCanonVersion, saveCanonVersion } from '../../store/looks-repo.ts';
import { getShot, listShots, setShotsStale } from '../../store/shots-repo.ts';
import type { Handlers } from '../dispatch.ts';
import { loadedLookFromProject } from '../loaded-look.ts';
import { requireProject, type StudioContext } from '../studio-context.ts';
import { canonView, requireLook, shotView } from '../views.ts';

type Group = Pick<Handlers, 'canon.draft' | 'canon.update' | 'plan.create' | 'shots.list' | 'shots.get'>;

export function canonPlanHandlers(ctx: StudioContext): Group {
  const staleAll = (lookId: string) => {
    const { project } = requireProject(ctx);
    // Takes made from an older canon no longer match it: mark them, never delete them.
    setShotsStale(project.db, listShots(project.db, lookId).filter((s) => s.currentTakeId).map((s) => s.id), true);
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
    'plan.create': async ({ lookId, clips, seed }) => {
      const { project } = requireProject(ctx);
      const { plan, rows } = await planAndStore(project, lookId, clips, seed);
      ctx.emit('look-updated', { lookId }); // the batch now records this clip count and seed
      const look = requireLook(project, lookId).look;
      const budget = look.batch.budgetUsd ?? ctx.settings.get().budgetUsd;
      if (budget !== null && budget !== undefined && plan.cost.totalUsd > budget) {
        ctx.emit('budget-warning', { lookId, estimateUsd: plan.cost.totalUsd, budgetUsd: budget, message: `The plan is estimated at $${plan.cost.totalUsd.toFixed(2)}, over the $${budget.toFixed(2)} budget. Lower the clip count or pick a cheaper model.` });
      }
      return { shots: rows.map((r) => shotView(project, r)), estimateUsd: plan.cost.totalUsd, budgetUsd: budget ?? null };
    },
    'shots.list': async ({ lookId }) => {
      const { project } = requireProject(ctx);
      requireLook(project, lookId);
      return listShots(project.db, lookId).map((r) => shotView(project, r));
    },
    'shots.get': async ({ shotId }) => {
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
        prompt: compiled?.prompt ?? 'Draft the canon to see the compiled prompt.',
        negativePrompt: compiled?.negativePrompt ?? '',
        model: { provider, model },
        gating,
      };
    },
  };
}
