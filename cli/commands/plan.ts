/**
 * `continuity plan LOOK.json` — canon, variation matrix, every prompt and the cost estimate,
 * before anything is generated (DESIGN.md §9). `--json` emits {canon, shots, packs, cost}.
 */
import type { CliCommand, CliIO } from '../command.ts';
import { numberOption, parseCommandArgs } from '../command.ts';
import { InputError } from '../../core/domain/errors.ts';
import type { LookPlan } from '../../core/plan/plan-look.ts';
import { TIERS, type Tier } from '../../core/plan/tiers.ts';
import { formatPlan } from './plan-format.ts';

const help = `Usage: continuity plan LOOK.json [options]

Plans a look without generating anything: drafts the visual canon, plans the variation matrix
(anchors, variants, seasonal swaps), compiles each clip's prompt and negative prompt, and
estimates the cost.

Options:
  --json            print {canon, canonVersion, shots, packs, cost, warnings} as JSON
  --clips N         clips in the batch, 8-20 (default: the look's batch.clips)
  --anchors N       anchor shots, 2-4 (default: the look's batch.anchors)
  --tier NAME       preset: starter (8 clips, 2 anchors) or pro (20 clips, 4 anchors)
  --seed S          planner seed (default: the look's batch.seed)
  --model ID        model to compile prompts and price for (default: the look's batch.model)
  --provider ID     provider of that model (inferred from the price table when omitted)
  --openai          draft the canon with OpenAI (needs OPENAI_API_KEY; OPENAI_BASE_URL honoured)
  --canon-model ID  OpenAI model for --openai
  --allow-outside   use images outside the LOOK.json's folder (../, absolute paths, symlinks
                    out of it); without it such a reference is refused (exit 2)
Exit codes: 0 ok, 1 failed work, 2 bad input.`;

async function inferProvider(model: string | undefined): Promise<string | undefined> {
  if (!model) return undefined;
  const { loadPriceTable } = await import('../../core/plan/estimate-cost.ts');
  const keys = Object.keys(loadPriceTable()).filter((k) => k.endsWith(`/${model}`));
  return keys.length === 1 ? keys[0]!.slice(0, -(model.length + 1)) : undefined;
}

export const command: CliCommand = {
  name: 'plan',
  summary: 'canon, variation matrix, prompts and cost estimate for a LOOK.json',
  help,
  async run(argv: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs('plan', argv, {
      json: { type: 'boolean' }, clips: { type: 'string' }, anchors: { type: 'string' }, tier: { type: 'string' },
      seed: { type: 'string' }, model: { type: 'string' }, provider: { type: 'string' },
      openai: { type: 'boolean' }, 'canon-model': { type: 'string' }, 'allow-outside': { type: 'boolean' },
    });
    const [file, ...extra] = positionals;
    if (!file) throw new InputError('plan: missing LOOK.json argument. Run "continuity plan --help".', 'LOOK.json');
    if (extra.length) throw new InputError(`plan: unexpected argument ${JSON.stringify(extra[0])}; give one LOOK.json`, 'argument', extra[0]);
    let tier: (typeof TIERS)[Tier] | undefined;
    if (values.tier !== undefined) {
      if (!(values.tier in TIERS)) throw new InputError(`--tier must be ${Object.keys(TIERS).join(' or ')}, got ${JSON.stringify(values.tier)}`, 'tier', values.tier);
      tier = TIERS[values.tier as Tier];
    }
    const clips = numberOption('clips', values.clips, { min: 8, max: 20, integer: true }) ?? tier?.clips;
    const anchors = numberOption('anchors', values.anchors, { min: 2, max: 4, integer: true }) ?? tier?.anchors;
    const seed = numberOption('seed', values.seed, { min: 0, max: 2 ** 31 - 1, integer: true });
    let openai;
    if (values.openai) {
      const apiKey = process.env.OPENAI_API_KEY;
      if (!apiKey) throw new InputError('--openai needs an OpenAI key in OPENAI_API_KEY (or draft offline without --openai)', 'OPENAI_API_KEY');
      openai = { apiKey, baseURL: process.env.OPENAI_BASE_URL, model: values['canon-model'], signal: io.signal };
    }
    // The planner loads only once the arguments are known good: a bad-input rejection stays cheap.
    const { planLook } = await import('../../core/plan/plan-look.ts');
    const plan: LookPlan = await planLook(file, {
      clips, anchors, seed, model: values.model, provider: values.provider ?? await inferProvider(values.model), openai, allowOutside: values['allow-outside'],
    });
    if (values.json) {
      io.out(JSON.stringify({ canon: plan.canon, canonVersion: plan.canonVersion, canonSource: plan.canonSource, shots: plan.shots, packs: plan.packs, cost: plan.cost, warnings: plan.warnings }, null, 2));
    } else {
      for (const w of plan.warnings) io.err(`warning: ${w}`);
      io.out(formatPlan(plan));
    }
    return 0;
  },
};
