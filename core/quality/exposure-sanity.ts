/**
 * Exposure sanity: takes nobody could use, whatever their colour statistics say. Judged against
 * the look where the look itself is dark or bright (a night look is allowed to be dark), so each
 * rule has an absolute floor and a distance from the look:
 * - near-black: mean L* < 12 and ≥ 15 below the look, or > 85 % crushed (L* < 8) where the look has < 50 %;
 * - blown-out: mean L* > 90 and ≥ 15 above the look, or > 50 % clipped (L* > 97) where the look has < 25 %;
 * - blank: L* spread < 1.5 (a flat frame) where the look's spread is > 5;
 * - frozen: consecutive frames differ by < 0.05 luma levels on average (when motion is expected).
 */
import type { LookStats } from './look-stats.ts';

export function exposureProblems(take: LookStats, look: LookStats, motion: number | null, expectMotion = true): string[] {
  const out: string[] = [];
  const L = (v: number) => v.toFixed(0);
  if ((take.meanL < 12 && look.meanL - take.meanL >= 15) || (take.crushed > 0.85 && look.crushed < 0.5)) {
    out.push(`near-black: mean L* ${L(take.meanL)} (look ${L(look.meanL)}), ${Math.round(take.crushed * 100)} % of pixels crushed`);
  }
  if ((take.meanL > 90 && take.meanL - look.meanL >= 15) || (take.clipped > 0.5 && look.clipped < 0.25)) {
    out.push(`blown-out: mean L* ${L(take.meanL)} (look ${L(look.meanL)}), ${Math.round(take.clipped * 100)} % of pixels clipped`);
  }
  if (take.spreadL < 1.5 && look.spreadL > 5) out.push(`blank: the frame is flat (L* spread ${take.spreadL.toFixed(1)}, look ${look.spreadL.toFixed(1)})`);
  if (expectMotion && motion !== null && motion < 0.05) out.push(`frozen: consecutive frames differ by ${motion.toFixed(3)} luma levels on average`);
  return out;
}
