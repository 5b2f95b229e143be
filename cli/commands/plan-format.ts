/** Human-readable rendering of a look plan for `continuity plan` (not a command: no `command` export). */
import type { LookPlan } from '../../core/plan/plan-look.ts';
import type { Delta } from '../../core/domain/shot.ts';
import { localDeltaGap } from '../../core/providers/local/local-delta-support.ts';

const usd = (x: number) => `$${x.toFixed(x > 0 && x < 0.1 ? 3 : 2)}`;

function deltaText(d: Delta): string {
  switch (d.kind) {
    case 'palette': return `palette: ${d.label} (hue ${d.hueShiftDeg}°, sat ×${d.saturation}, bright ${d.brightness >= 0 ? '+' : ''}${d.brightness}; ${d.targetHex.join(' ')})`;
    case 'prop': return `prop: ${d.prop}${d.layer ? ` [${d.layer.source} #${d.layer.index}]` : ''}`;
    case 'scene': return `scene: ${d.change}`;
    case 'camera': return `camera: ${d.motion}${d.framing ? ` @ ${d.framing}` : ''}`;
    case 'motif': return `motif (${d.season}): ${d.motif}`;
  }
}

export function formatPlan(plan: LookPlan): string {
  const { look } = plan.loaded;
  const { canon, shots, cost } = plan;
  const b = look.batch;
  const lines: string[] = [];
  lines.push(`Look: ${look.name}`);
  lines.push(`Batch: ${shots.length} clips, ${b.size}, ${b.seconds} s, ${b.fps} fps, ${cost.provider}/${cost.model}`);
  lines.push(`References: ${plan.loaded.references.map((r) => `${r.role} ${r.relPath} (${r.analysis.width}x${r.analysis.height}, ${r.analysis.palette.slice(0, 3).map((c) => c.hex).join(' ')})`).join('; ')}`);
  if (plan.loaded.productShots.length) lines.push(`Product shots: ${plan.loaded.productShots.map((p) => `${p.label} (${p.relPath})`).join('; ')}`);
  lines.push('', `Canon v${plan.canonVersion} (${plan.canonSource})`);
  const row = (k: string, v: string) => lines.push(`  ${k.padEnd(10)} ${v}`);
  row('style', `${canon.style.era}; ${canon.style.texture}; ${canon.style.grade}; ${canon.style.filmEmulation}`);
  row('camera', `${canon.camera.framing}, ${canon.camera.lens}, ${canon.camera.motion}`);
  row('lighting', `key ${canon.lighting.keyDirection}; fill/rim ${canon.lighting.fillRim}`);
  row('palette', canon.lighting.paletteAnchors.join(' '));
  row('wardrobe', `${canon.wardrobe.items.join(', ')} (${canon.wardrobe.materials.join(', ')}); ${canon.wardrobe.colorConstraints}`);
  row('set', `${canon.setDressing.backgroundObjects.join(', ')}; props: ${canon.setDressing.props.join(', ')}`);
  row('action', canon.action.map((a) => `${a.atSeconds}s ${a.beat}`).join(' | '));
  row('audio', canon.audio.join(', '));
  row('negatives', canon.negatives.join(', '));

  const counts = { anchor: 0, variant: 0, seasonal: 0, sequence: 0 };
  for (const s of shots) counts[s.kind]++;
  lines.push('', `Matrix: ${counts.anchor} anchors, ${counts.variant} variants, ${counts.seasonal} seasonal swaps (timeline order)`);
  lines.push(`  ${'#'.padStart(2)}  ${'id'.padEnd(7)} ${'kind'.padEnd(9)} ${'parent'.padEnd(6)} ${'framing'.padEnd(7)} ${'motion'.padEnd(9)} deltas`);
  for (const s of shots) {
    lines.push(`  ${String(s.index).padStart(2)}  ${s.id.padEnd(7)} ${s.kind.padEnd(9)} ${(s.parentId ?? '-').padEnd(6)} ${s.framing.padEnd(7)} ${s.motion.padEnd(9)} ${s.deltas.length ? s.deltas.map(deltaText).join(' + ') : '-'}`);
  }
  if (cost.provider === 'local') {
    // Said up front: such a shot fails instead of shipping a copy of its anchor (issue 11).
    const gaps = shots.flatMap((s) => s.deltas.map((d) => ({ s, why: localDeltaGap(d, plan.loaded.productShots.length) })).filter((g) => g.why));
    for (const g of gaps) lines.push(`  ! ${g.s.id}: not renderable by the local renderer (${g.why}); it will not be delivered as a variant`);
  }
  lines.push('', 'Prompts');
  plan.packs.forEach((p, i) => {
    lines.push(`  [${i}] ${p.shot.id} ${p.shot.kind} ${p.shot.framing}/${p.shot.motion}`);
    lines.push(`    prompt:   ${p.prompt}`);
    lines.push(`    negative: ${p.negativePrompt || '(model has no negative prompt)'}`);
    if (plan.compiled[i]?.removedTerms.length) lines.push(`    removed do-not-use terms: ${plan.compiled[i]!.removedTerms.join(', ')}`);
  });
  lines.push('', `Cost estimate (${cost.provider}/${cost.model}): ${usd(cost.perClipUsd)} per clip × ${shots.length} clips${cost.keyframesUsd ? ` + ${usd(cost.keyframesUsd)} keyframes` : ''} = ${usd(cost.totalUsd)}${cost.known ? '' : ' (unknown price)'}`);
  for (const n of cost.notes) lines.push(`  note: ${n}`);
  return lines.join('\n');
}
