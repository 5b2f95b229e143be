/**
 * Gating (DESIGN.md §4 "Gating is a product guarantee", issue 7 item 2): which registered model
 * may be used for what, and whether each provider is usable right now. Refusals are InputErrors
 * that say why and name the models that WOULD work — never a silent fallback.
 */
import { InputError } from '../domain/errors.ts';
import { hasAdapter, providerHasAdapter } from './adapter-coverage.ts';
import { checkBaseUrl, hostOf } from './base-url-policy.ts';
import { imageHostChoice, type ImageHostChoice } from './image-host.ts';
import { PROVIDER_ENV } from './provider-env.ts';
import { getModel, listModels, takesImageInput, type ModelCapability, type ProviderId, PROVIDER_IDS } from './registry.ts';

export type GatePurpose = 'look-batch' | 'session' | 'keyframe';

export interface GateOptions {
  purpose: GatePurpose;
  /** The look is restricted to commercially cleared models. */
  commercialOnly?: boolean;
  /** Base URL overrides per provider (OPENAI_BASE_URL, CONTINUITY_FAL_BASE_URL, …). */
  baseUrlOverrides?: Partial<Record<ProviderId, string | undefined>>;
  /** When given, the model must belong to this provider. */
  provider?: string;
  /** Image hosts for models that fetch inputs by public URL (Luma); from gateOptionsFromEnv. */
  imageHosts?: Partial<Record<ProviderId, ImageHostChoice>>;
}

export { PROVIDER_ENV };

/** Providers with an adapter in this build (which of their models it maps: adapter-coverage.ts). */
export const PROVIDERS_WITH_ADAPTER: readonly ProviderId[] = PROVIDER_IDS.filter(providerHasAdapter);

type Env = Record<string, string | undefined>;

/**
 * The environment-dependent gate options (base URL overrides, image hosts) in one call, so
 * every caller — CLI, app, pipeline — gates with the same facts.
 */
export function gateOptionsFromEnv(env: Env, store?: { get(provider: string): string | undefined }): Pick<GateOptions, 'baseUrlOverrides' | 'imageHosts'> {
  const imageHosts: Partial<Record<ProviderId, ImageHostChoice>> = {};
  for (const p of PROVIDER_IDS) if (PROVIDER_ENV[p].imageHostVar) imageHosts[p] = imageHostChoice(p, env, store);
  return { baseUrlOverrides: baseUrlOverridesFromEnv(env), imageHosts };
}

/** The base-URL overrides present in an environment, per provider. */
export function baseUrlOverridesFromEnv(env: Env): Partial<Record<ProviderId, string>> {
  const out: Partial<Record<ProviderId, string>> = {};
  for (const p of PROVIDER_IDS) {
    const v = PROVIDER_ENV[p].baseUrlVar;
    const value = v ? env[v]?.trim() : undefined;
    if (value) out[p] = value;
  }
  return out;
}

/** "set · …wxyz" or "not set". Short keys show no characters at all. */
export function keyHint(key: string | undefined): string {
  if (!key) return 'not set';
  return key.length >= 12 ? `set · …${key.slice(-4)}` : 'set';
}

function purposeFits(m: ModelCapability, purpose: GatePurpose): boolean {
  if (purpose === 'keyframe') return m.kind === 'image' && takesImageInput(m);
  return m.kind === 'video' && takesImageInput(m);
}

/** The models that pass every gate for this purpose and these options. */
export function eligibleModels(opts: GateOptions): ModelCapability[] {
  return listModels().filter((m) => whyIneligible(m, opts) === null);
}

function eligibleText(opts: GateOptions): string {
  const list = eligibleModels(opts).map((m) => `${m.provider}:${m.id}`);
  return list.length ? `Eligible models: ${list.join(', ')}.` : 'No registered model is eligible with these settings.';
}

const PURPOSE_TEXT: Record<GatePurpose, string> = {
  'look-batch': 'a look batch',
  session: 'a continuity session',
  keyframe: 'keyframes',
};

/**
 * Why a model may not be used for this purpose with these options (one short clause), or null
 * when it may. gateModel builds its refusal from this; the CLI matrix shows it per model.
 */
export function whyIneligible(m: ModelCapability, opts: GateOptions): string | null {
  if (!purposeFits(m, opts.purpose)) {
    if (opts.purpose === 'keyframe') return m.kind === 'video' ? 'it makes video, not keyframe images' : 'it takes no reference image';
    return m.kind === 'image'
      ? 'it makes still images, not clips'
      : 'it cannot take an image input (text-only), and every shot must carry a visual anchor';
  }
  if (!hasAdapter(m)) {
    return `no adapter: ${m.provider}:${m.id} has no adapter in this build yet (it is registered so plans and prices can use it)`;
  }
  if (m.inputs.sourceVideo && opts.purpose !== 'keyframe') {
    return 'it edits an existing video (variants of another model\'s takes) and cannot make a shot from images';
  }
  if (m.imageInput === 'public-url') {
    const host = opts.imageHosts?.[m.provider] ?? imageHostChoice(m.provider, {});
    if (!host.ready) return host.why;
  }
  if (m.retired && !opts.baseUrlOverrides?.[m.provider]) {
    const v = PROVIDER_ENV[m.provider].baseUrlVar;
    return `it is retired: ${m.retired.reason} Set ${v ?? 'a base URL'} to a compatible endpoint to use it`;
  }
  if (opts.commercialOnly && !m.commercialUse) {
    return `it is not cleared for commercial use and this look is restricted to commercially cleared models (${m.licenceNote})`;
  }
  return null;
}

/**
 * The model to use for a purpose, or an InputError explaining the refusal and naming the
 * eligible models. Refuses: unknown ids; models that cannot carry a visual anchor (look batches
 * and sessions require one on every shot); image models for clips and video models for
 * keyframes; retired models unless their provider has a compatible base URL set; non-commercial
 * models when the look is restricted to commercially cleared ones.
 */
export function gateModel(modelId: string, opts: GateOptions): ModelCapability {
  const m = getModel(modelId, opts.provider);
  const why = whyIneligible(m, opts);
  if (why) throw new InputError(`model ${m.provider}:${m.id} cannot be used for ${PURPOSE_TEXT[opts.purpose]}: ${why}. ${eligibleText(opts)}`, 'model', modelId);
  return m;
}

export interface ProviderStatus {
  provider: ProviderId;
  keyPresent: boolean;
  /** "set · …last4" or "not set" — never the key. */
  key: string;
  keyVar: string | null;
  baseUrl: string | null;
  /** The host keys are sent to (from the override when set), e.g. "queue.fal.run". */
  host: string | null;
  baseUrlOverridden: boolean;
  /** Why the override is refused (not https, not loopback), or null. */
  baseUrlProblem: string | null;
  gated: boolean;
  why: string;
}

/**
 * Whether a provider is usable with this environment (keys and base URLs). `env` is usually
 * process.env merged with the app's key store. Never returns or logs the key itself.
 */
export function providerStatus(provider: ProviderId, env: Env): ProviderStatus {
  const spec = PROVIDER_ENV[provider];
  const key = spec.keyVar ? env[spec.keyVar]?.trim() || undefined : undefined;
  const override = spec.baseUrlVar ? env[spec.baseUrlVar]?.trim() || undefined : undefined;
  const baseUrl = override ?? spec.defaultBaseUrl;
  let baseUrlProblem: string | null = null;
  if (override && spec.baseUrlVar) { try { checkBaseUrl(override, spec.baseUrlVar); } catch (err) { baseUrlProblem = (err as Error).message; } }
  const base = { provider, keyPresent: Boolean(key), key: spec.keyVar ? keyHint(key) : 'not needed', keyVar: spec.keyVar, baseUrl, host: hostOf(baseUrl), baseUrlOverridden: Boolean(override), baseUrlProblem };
  if (provider === 'local') return { ...base, gated: false, why: 'built in: no key, no network (previz)' };
  if (baseUrlProblem) return { ...base, gated: true, why: baseUrlProblem };
  if (!providerHasAdapter(provider)) return { ...base, gated: true, why: 'no adapter in this build yet (planned)' };
  if (!key) return { ...base, gated: true, why: `${spec.keyVar} is not set` };
  if (spec.imageHostVar) {
    const host = imageHostChoice(provider, env);
    if (!host.ready) return { ...base, gated: true, why: host.why };
  }
  const models = listModels().filter((m) => m.provider === provider);
  if (models.length > 0 && models.every((m) => m.retired) && !override) {
    return { ...base, gated: true, why: `all models retired (${models[0]!.retired!.date}); set ${spec.baseUrlVar} to a compatible endpoint` };
  }
  return { ...base, gated: false, why: override ? `ready (base URL overridden by ${spec.baseUrlVar}: keys go to ${base.host})` : 'ready' };
}
