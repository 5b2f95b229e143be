/**
 * settings.*, keys.*, providers.*: app settings, the key vault (as hints only) and the model
 * registry with gating status. Keys go from the store to the engine in-process; the renderer
 * only ever receives `keyHint()` text.
 */
import { PROVIDER_ENV, gateOptionsFromEnv, keyHint, providerStatus, whyIneligible } from '../../providers/gating.ts';
import { resolveBaseUrl } from '../../providers/keys.ts';
import { listModels, type ProviderId } from '../../providers/registry.ts';
import { applyFfmpegPath } from '../apply-ffmpeg-path.ts';
import { validateFfmpegBinary } from '../../media/validate-ffmpeg.ts';
import { redact } from '../../log/logger.ts';
import { PROVIDERS_WITH_KEYS } from '../contract.ts';
import type { Handlers } from '../dispatch.ts';
import type { StudioContext } from '../studio-context.ts';
import type { KeysView, ModelView } from '../types.ts';

type Group = Pick<Handlers, 'settings.get' | 'settings.set' | 'settings.chooseFfmpeg' | 'keys.status' | 'keys.set' | 'keys.remove' | 'keys.test' | 'providers.list'>;

function keysView(ctx: StudioContext): KeysView {
  const keys = PROVIDERS_WITH_KEYS.map((provider) => {
    const envVar = PROVIDER_ENV[provider].keyVar ?? '';
    const key = ctx.keyStore.get(provider) ?? process.env[envVar];
    const status = providerStatus(provider, ctx.engineEnv());
    return { provider, envVar, set: Boolean(key), hint: keyHint(key), host: status.host, baseUrlProblem: status.baseUrlProblem };
  });
  return { keys, storage: ctx.keyStore.info() };
}

/** Cheap authenticated GETs that prove a key works without spending anything. */
const KEY_CHECK: Partial<Record<ProviderId, { path: string; header: (k: string) => Record<string, string> }>> = {
  openai: { path: '/models', header: (k) => ({ authorization: `Bearer ${k}` }) },
  replicate: { path: '/account', header: (k) => ({ authorization: `Bearer ${k}` }) },
  runway: { path: '/v1/organization', header: (k) => ({ authorization: `Bearer ${k}`, 'x-runway-version': '2024-11-06' }) },
  luma: { path: '/credits', header: (k) => ({ authorization: `Bearer ${k}` }) },
  google: { path: '/v1beta/models?pageSize=1', header: (k) => ({ 'x-goog-api-key': k }) },
};

export function settingsHandlers(ctx: StudioContext): Group {
  return {
    'settings.get': async () => ctx.settings.get(),
    'settings.set': async (patch) => {
      const next = { ...ctx.settings.get() };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
      ctx.settings.set(next);
      return next;
    },
    'settings.chooseFfmpeg': async ({ reset }) => {
      const current = ctx.settings.get();
      let chosen: string | null = null;
      if (!reset) {
        const picked = ctx.host.pickExecutable ? await ctx.host.pickExecutable('Choose the ffmpeg program') : null;
        if (!picked) return current; // canceled, or a shell without a picker
        chosen = (await validateFfmpegBinary(picked)).path;
      }
      const next = { ...current, ffmpegPath: chosen };
      ctx.settings.set(next);
      // The checked choice takes effect at once (and at every start-up: createStudio).
      applyFfmpegPath(chosen);
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
      let base: string | null | undefined;
      try { base = resolveBaseUrl(provider, env) ?? PROVIDER_ENV[provider].defaultBaseUrl; } catch (err) { return { ok: false, message: (err as Error).message }; }
      if (!check || !base) return { ok: true, message: `Not checked with ${provider}: it has no free authenticated endpoint. Checked only that a key is stored (${keyHint(key)}); ${provider} verifies it on the first paid request.` };
      try {
        const res = await fetch(base.replace(/\/$/, '') + check.path, { headers: check.header(key), signal: AbortSignal.timeout(8000) });
        if (res.ok) return { ok: true, message: `Connected to ${provider}: GET ${check.path.split('?')[0]} answered with this key.` };
        return { ok: false, message: `${provider} answered HTTP ${res.status}${res.status === 401 || res.status === 403 ? ': the key was refused. Check it and save it again.' : '.'}` };
      } catch (err) {
        return { ok: false, message: redact(`Could not reach ${provider} at ${base}: ${(err as Error).message}. Check the network or the base URL.`) };
      }
    },
    'providers.list': async () => {
      const settings = ctx.settings.get();
      const env = ctx.engineEnv();
      const opts = { purpose: 'look-batch' as const, commercialOnly: settings.commercialOnly, ...gateOptionsFromEnv(env) };
      return listModels().map((m): ModelView => {
        // The gate's own words: the app never derives a reason of its own.
        const why = whyIneligible(m, opts);
        const ok = why === null;
        return {
          provider: m.provider, id: m.id, kind: m.kind, commercialUse: m.commercialUse, licenceNote: m.licenceNote || null,
          retired: m.retired ? m.retired.date : null, eligible: ok, why, pricePerSecondUsd: m.price.perSecondUsd ?? null,
        };
      });
    },
  };
}
