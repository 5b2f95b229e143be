/**
 * `continuity providers [--json]`: the model capability matrix with each provider's status (key
 * present, base URL, gated or not and why). Keys are never printed, only "set · …last4".
 */
import type { CliCommand } from '../command.ts';
import { parseCommandArgs } from '../command.ts';
import { listModels, PROVIDER_IDS, type ModelCapability } from '../../core/providers/registry.ts';
import { gateOptionsFromEnv, providerStatus, whyIneligible, type GatePurpose } from '../../core/providers/gating.ts';

const PURPOSES: GatePurpose[] = ['look-batch', 'session', 'keyframe'];

function inputsText(m: ModelCapability): string {
  const i = m.inputs;
  const parts = [
    i.startImage && 'start', i.endImage && 'end',
    i.referenceImages && `refs≤${i.referenceImages.max} ${i.referenceImages.kinds.join('/')}`,
    i.seed !== 'none' && `seed ${i.seed}`, i.extend && 'extend', i.edit && 'edit',
    i.identity && 'face', i.style && 'style', i.negativePrompt && 'neg',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'text only';
}

function durationText(m: ModelCapability): string {
  if (m.kind === 'image') return '—';
  const list = m.durations.map((d) => `${d}`);
  if (m.durationRange) list.push(`${m.durationRange.min}–${m.durationRange.max}`);
  return `${list.join('/')} s`;
}

function priceText(m: ModelCapability): string {
  if (m.price.perImageUsd !== undefined) return m.price.perImageUsd === 0 ? 'free' : `$${m.price.perImageUsd}/image`;
  const ps = m.price.perSecondUsd ?? 0;
  if (ps === 0) return 'free';
  return `$${ps}/s${m.price.billingUnitSeconds ? ` (per ${m.price.billingUnitSeconds} s)` : ''}`;
}

export const command: CliCommand = {
  name: 'providers',
  summary: 'capability matrix of every model and each provider\'s status',
  help: `Usage: continuity providers [--json]

Prints every registered model (inputs, durations, sizes, fps, price, licence, retired) grouped by
provider, with the provider's status: key present (never shown: "set · …last4"), base URL, and
whether it is gated and why. Keys: FAL_KEY, REPLICATE_API_TOKEN, OPENAI_API_KEY,
RUNWAYML_API_SECRET, LUMAAI_API_KEY, GEMINI_API_KEY. Base URLs: OPENAI_BASE_URL,
CONTINUITY_FAL_BASE_URL, CONTINUITY_REPLICATE_BASE_URL, CONTINUITY_RUNWAY_BASE_URL,
CONTINUITY_LUMA_BASE_URL, CONTINUITY_GOOGLE_BASE_URL.

Luma ray-2 fetches its keyframe images (and the clips it edits for variants) from public URLs
and its API has no upload: set CONTINUITY_LUMA_IMAGE_HOST=fal to upload them to your own fal
storage (needs FAL_KEY; they become public URLs, recorded on every take). Without it Luma is gated.

Variants are made by the provider's video edit where the batch model has one: Runway gen4.5 /
gen4_turbo → aleph2, Luma → modify, fal Kling → Kling O1 edit, OpenAI-protocol → remix.
Keyframes: LOOK.json "batch.keyframeModel" (e.g. "runway:gen4_image") or CONTINUITY_KEYFRAME_MODEL
picks the identity/style keyframe model; default PuLID on fal and IP-Adapter on Replicate.

Options:
  --json   machine-readable: {providers: [...], models: [... with "eligibility"]}`,
  async run(argv, io) {
    const { values } = parseCommandArgs('providers', argv, { json: { type: 'boolean' } });
    const env = process.env;
    const gateEnv = gateOptionsFromEnv(env);
    const statuses = PROVIDER_IDS.map((p) => providerStatus(p, env));
    const models = listModels().map((m) => ({
      ...m,
      eligibility: Object.fromEntries(PURPOSES.map((purpose) => [purpose, whyIneligible(m, { purpose, ...gateEnv }) ?? 'ok'])),
    }));
    if (values.json) {
      io.out(JSON.stringify({ providers: statuses, models }, null, 2));
      return 0;
    }
    const lines: string[] = [];
    for (const s of statuses) {
      // The "not set" case is already the reason it is gated; say it once.
      const key = s.keyPresent ? ` · ${s.keyVar} ${s.key}` : '';
      const base = s.baseUrl ? ` · host ${s.host ?? '?'} (${s.baseUrl}${s.baseUrlOverridden ? ', override' : ''})` : '';
      const why = s.why === 'ready' ? '' : `: ${s.why}`;
      lines.push(`${s.provider} — ${s.gated ? 'GATED' : 'ready'}${why}${key}${base}`);
      for (const m of models.filter((x) => x.provider === s.provider)) {
        const flags = [
          m.kind, inputsText(m), durationText(m),
          m.anySize ? 'any size' : m.sizes.join(' '),
          m.fps.length ? `${m.fps.join('/')} fps` : '',
          priceText(m),
          m.commercialUse ? 'commercial ok' : 'NON-COMMERCIAL',
        ].filter(Boolean);
        lines.push(`  ${m.id}${m.retired ? `  [RETIRED ${m.retired.date}]` : ''}`);
        lines.push(`      ${flags.join(' · ')}`);
        const batch = m.eligibility['look-batch'];
        const kf = m.eligibility.keyframe;
        if (m.kind === 'video' && batch !== 'ok') lines.push(`      not for look batches/sessions: ${batch}`);
        if (m.kind === 'image' && kf !== 'ok') lines.push(`      not for keyframes: ${kf}`);
        if (!m.commercialUse) lines.push(`      licence: ${m.licenceNote}`);
      }
      lines.push('');
    }
    lines.push('local renders are previz (animatics), never presented as AI generation.');
    io.out(lines.join('\n'));
    return 0;
  },
};
