/**
 * settings.*, keys.*, providers.*: app settings, the key vault (as hints only) and the model
 * registry with gating status. Keys go from the store to the engine in-process; the renderer
 * only ever receives `keyHint()` text.
 */
import { PROVIDER_ENV, baseUrlOverridesFromEnv, eligibleModels, keyHint } from '../../providers/gating.ts';
import { listModels, type ProviderId } from '../../providers/registry.ts';
import { applyFfmpegPath } from '../apply-ffmpeg-path.ts';
import { redact } from '../../log/logger.ts';
import { PROVIDERS_WITH_KEYS } from '../contract.ts';
import type { Handlers } from '../dispatch.ts';
import type { StudioContext } from '../studio-context.ts';
import type { KeysView, ModelView } from '../types.ts';

type Group = Pick<Handlers, 'settings.get' | 'settings.set' | 'keys.status' | 'keys.set' | 'keys.remove' | 'keys.test' | 'providers.list'>;

function keysView(ctx: StudioContext): KeysView {
  const keys = PROVIDERS_WITH_KEYS.map((provider) => {
    const envVar = PROVIDER_ENV[provider].keyVar ?? '';
    const key = ctx.keyStore.get(provider) ?? process.env[envVar];
    return { provider, envVar, set: Boolean(key), hint: keyHint(key) };
  });
  return { keys, storage: ctx.keyStore.info() };
}

/** Cheap authenticated GETs that prove a key works without spending anything. */
const KEY_CHECK: Partial<Record<ProviderId, { path: string; header: (k: string) => Record<string, string> }>> = {
  openai: { path: '/models', header: (k) => ({ authorization: `Bearer ${k}` }) },
  replicate: { path: '/account', header: (k) => ({ authorization: `Bearer ${k}` }) },
};

export function settingsHandlers(ctx: StudioContext): Group {
  return {
    'settings.get': async () => ctx.settings.get(),
    'settings.set': async (patch) => {
      const next = { ...ctx.settings.get() };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
      ctx.settings.set(next);
      if ('ffmpegPath' in patch) {
        // A user-chosen path takes effect at once (and at every start-up: createStudio).
        applyFfmpegPath(next.ffmpegPath);
      }
      return next;
    },
    'keys.status': async () => keysView(ctx),
    'keys.set': async ({ provider, key }) => { ctx.keyStore.set(provider, key.trim()); return keysView(ctx); },
    'keys.remove': async ({ provider }) => { ctx.keyStore.remove(provider); return keysView(ctx); },
    'keys.test': async ({ provider }) => {
      const envVar = PROVIDER_ENV[provider].keyVar ?? '';
      const key = ctx.keyStore.get(provider) ?? process.env[envVar];
      if (!key) return { ok: false, message: `No ${provider} key is set. Paste one and press Save, or set ${envVar}.` };
      const check = KEY_CHECK[provider];
      const env = ctx.engineEnv();
      const base = (PROVIDER_ENV[provider].baseUrlVar && env[PROVIDER_ENV[provider].baseUrlVar!]) || PROVIDER_ENV[provider].defaultBaseUrl;
      if (!check || !base) return { ok: true, message: `Key stored (${keyHint(key)}). ${provider} has no free key-check endpoint; it is verified on the first run.` };
      try {
        const res = await fetch(base.replace(/\/$/, '') + check.path, { headers: check.header(key), signal: AbortSignal.timeout(8000) });
        if (res.ok) return { ok: true, message: `Connected to ${provider}: the key works.` };
        return { ok: false, message: `${provider} answered HTTP ${res.status}${res.status === 401 || res.status === 403 ? ': the key was refused. Check it and save it again.' : '.'}` };
      } catch (err) {
        return { ok: false, message: redact(`Could not reach ${provider} at ${base}: ${(err as Error).message}. Check the network or the base URL.`) };
      }
    },
    'providers.list': async () => {
      const settings = ctx.settings.get();
      const env = ctx.engineEnv();
      const opts = { purpose: 'look-batch' as const, commercialOnly: settings.commercialOnly, baseUrlOverrides: baseUrlOverridesFromEnv(env) };
      const eligible = new Set(eligibleModels(opts).map((m) => `${m.provider}:${m.id}`));
      return listModels().map((m): ModelView => {
        const ok = eligible.has(`${m.provider}:${m.id}`);
        let why: string | null = null;
        if (!ok) {
          if (m.retired) why = `retired ${m.retired.date}: ${m.retired.reason}`;
          else if (m.kind === 'image') why = 'keyframe model (used inside shots, not for clips)';
          else if (settings.commercialOnly && !m.commercialUse) why = `not cleared for commercial use: ${m.licenceNote}`;
          else why = 'cannot take an image input; every shot needs a visual anchor';
        }
        return {
          provider: m.provider, id: m.id, kind: m.kind, commercialUse: m.commercialUse, licenceNote: m.licenceNote || null,
          retired: m.retired ? m.retired.date : null, eligible: ok, why, pricePerSecondUsd: m.price.perSecondUsd ?? null,
        };
      });
    },
  };
}
