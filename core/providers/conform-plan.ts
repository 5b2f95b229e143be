/**
 * Conforming (issue 7 item 4): a remote model may not make the batch's exact duration, size or
 * frame rate (Kling 5/10 s, Luma 5/9 s, Wan 16 fps). Plan what to ask the model for — the
 * nearest LARGER setting, so trimming and downscaling never invent picture — and what to do
 * locally afterwards, with the extra cost shown. Or refuse, when the user prefers that.
 */
import { InputError } from '../domain/errors.ts';
import { estimateCostUsd, type ModelCapability } from './registry.ts';

export interface ConformTarget { seconds: number; width: number; height: number; fps: number }

export interface ConformPlan {
  model: string;
  /** What to request from the model. */
  generate: { seconds: number; width: number; height: number; fps: number };
  /** What to do locally to reach the target exactly; all null when the model makes it exactly. */
  local: {
    trimToSeconds: number | null;
    /** `cover`: scale to fill and crop the overflow (aspect differs); `fit`: plain scale. */
    scale: { toWidth: number; toHeight: number; mode: 'fit' | 'cover' } | null;
    retime: { fromFps: number; toFps: number } | null;
  };
  exact: boolean;
  costUsd: number;
  /** Cost above what the exact duration would have cost at the model's per-second price. */
  extraCostUsd: number;
  /** Human-readable steps, for the plan preview. */
  steps: string[];
}

export type ConformPolicy = 'conform' | 'refuse';

const sizeOf = (s: string) => { const [w, h] = s.split('x').map(Number); return { width: w!, height: h! }; };

function pickSeconds(m: ModelCapability, seconds: number): number | null {
  const options = [...m.durations];
  if (m.durationRange) {
    const want = Math.max(m.durationRange.min, Math.ceil(seconds - 1e-9));
    if (want <= m.durationRange.max) options.push(want);
  }
  const ok = options.filter((d) => d >= seconds - 1e-9).sort((a, b) => a - b);
  return ok[0] ?? null;
}

function pickSize(m: ModelCapability, width: number, height: number): { width: number; height: number } {
  const target = width / height;
  const sizes = m.sizes.map(sizeOf);
  const sameAspect = sizes.filter((s) => Math.abs(s.width / s.height - target) / target < 0.01);
  // Prefer the same aspect at or above the target (downscale only), then the same aspect below,
  // then the closest aspect (cropped to cover).
  const above = sameAspect.filter((s) => s.width >= width && s.height >= height).sort((a, b) => a.width - b.width);
  if (above[0]) return above[0];
  const below = [...sameAspect].sort((a, b) => b.width - a.width);
  if (below[0]) return below[0];
  const closest = [...sizes].sort((a, b) => Math.abs(Math.log(a.width / a.height / target)) - Math.abs(Math.log(b.width / b.height / target)) || b.width - a.width);
  if (!closest[0]) throw new InputError(`model ${m.provider}:${m.id} lists no output sizes`, 'model', m.id);
  return closest[0];
}

/**
 * The generation settings and local conform steps that deliver exactly `target` from model `m`.
 * With policy `refuse`, any mismatch is an InputError naming what the model supports.
 */
export function conformPlan(m: ModelCapability, target: ConformTarget, policy: ConformPolicy = 'conform'): ConformPlan {
  const name = `${m.provider}:${m.id}`;
  if (m.kind !== 'video') throw new InputError(`model ${name} makes images, not clips; it cannot render a ${target.seconds} s clip`, 'model', m.id);
  const local = m.provider === 'local' || m.anySize;
  const seconds = local ? target.seconds : pickSeconds(m, target.seconds);
  const supported = [...m.durations.map(String), ...(m.durationRange ? [`${m.durationRange.min}–${m.durationRange.max}`] : [])].join(', ');
  if (seconds === null) {
    throw new InputError(`"seconds" ${target.seconds} is longer than model ${name} can make (supported: ${supported} s); choose a shorter batch duration or another model`, 'seconds', target.seconds);
  }
  const size = local ? { width: target.width, height: target.height } : pickSize(m, target.width, target.height);
  const fps = local || m.fps.includes(target.fps) ? target.fps : [...m.fps].sort((a, b) => Math.abs(a - target.fps) - Math.abs(b - target.fps))[0] ?? target.fps;

  const steps: string[] = [];
  const trim = seconds > target.seconds + 1e-9 ? target.seconds : null;
  if (trim !== null) steps.push(`generate ${seconds} s, trim to ${target.seconds} s`);
  const sameSize = size.width === target.width && size.height === target.height;
  const aspectDiffers = Math.abs(size.width / size.height - target.width / target.height) / (target.width / target.height) >= 0.01;
  const scale = sameSize ? null : { toWidth: target.width, toHeight: target.height, mode: aspectDiffers ? 'cover' as const : 'fit' as const };
  if (scale) steps.push(`generate ${size.width}x${size.height}, ${scale.mode === 'cover' ? 'scale and crop' : 'scale'} to ${target.width}x${target.height}`);
  const retime = fps !== target.fps ? { fromFps: fps, toFps: target.fps } : null;
  if (retime) steps.push(`generate at ${fps} fps, retime to ${target.fps} fps`);
  const exact = !trim && !scale && !retime;

  if (!exact && policy === 'refuse') {
    throw new InputError(`model ${name} cannot make exactly ${target.width}x${target.height}, ${target.seconds} s at ${target.fps} fps (durations ${supported} s; sizes ${m.sizes.join(', ')}; fps ${m.fps.join(', ')}); allow conforming (${steps.join('; ')}) or pick another model`, 'model', m.id);
  }
  const costUsd = estimateCostUsd(m, seconds);
  const exactCost = Math.round((m.price.perSecondUsd ?? 0) * target.seconds * 10_000) / 10_000;
  const extraCostUsd = Math.max(0, Math.round((costUsd - exactCost) * 10_000) / 10_000);
  if (extraCostUsd > 0) steps.push(`extra cost ${extraCostUsd.toFixed(2)} USD for the longer generation`);
  return { model: m.id, generate: { seconds, width: size.width, height: size.height, fps }, local: { trimToSeconds: trim, scale, retime }, exact, costUsd, extraCostUsd, steps };
}
