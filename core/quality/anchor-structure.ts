/**
 * Structure of a variant against its parent anchor's take, outside the declared change: SSIM of
 * histogram-equalised luma at a small size. Equalising first removes what a palette, season or
 * exposure delta legitimately changes (tone and colour), so what is left is layout and subject:
 * a small prop added to the anchor keeps most of the frame (passes), a different subject does not
 * (fails). Frames are compared at the same relative times of both clips (25 %, 50 %, 75 %).
 */
import type { RawImage } from '../domain/raw-image.ts';
import { lumaPlane, resizePlane, type Plane } from './luma-plane.ts';
import { ssimPlanes } from './ssim.ts';

/** Width structure is compared at: layout and subject, not texture or grain. */
const STRUCTURE_WIDTH = 96;

function equalise(p: Plane): Plane {
  const hist = new Uint32Array(256);
  for (const v of p.data) hist[Math.max(0, Math.min(255, Math.round(v)))]!++;
  const cdf = new Float32Array(256);
  let acc = 0;
  for (let i = 0; i < 256; i++) { acc += hist[i]!; cdf[i] = (acc / p.data.length) * 255; }
  return { ...p, data: p.data.map((v) => cdf[Math.max(0, Math.min(255, Math.round(v)))]!) };
}

function prepared(img: RawImage, w: number, h: number): Plane {
  return equalise(resizePlane(lumaPlane(img), w, h));
}

/** Mean equalised-luma SSIM of matched frames (takes and anchors as sampled, in time order). */
export function anchorStructure(take: readonly RawImage[], anchor: readonly RawImage[]): number {
  const picks = [0.25, 0.5, 0.75];
  const first = take[0]!;
  const w = STRUCTURE_WIDTH;
  const h = Math.max(16, Math.round((first.height * w) / first.width));
  let sum = 0;
  for (const t of picks) {
    const a = take[Math.min(take.length - 1, Math.floor(t * take.length))]!;
    const b = anchor[Math.min(anchor.length - 1, Math.floor(t * anchor.length))]!;
    sum += ssimPlanes(prepared(a, w, h), prepared(b, w, h));
  }
  return sum / picks.length;
}
