/**
 * 3×3 matrix helpers (row-major arrays of 9 numbers) for colour statistics: the covariance
 * square roots the Monge–Kantorovich transfer needs. Symmetric eigen-decomposition by cyclic
 * Jacobi rotations, which is exact enough and unconditionally stable for 3×3 covariances.
 */
export type Vec3 = [number, number, number];
export type Mat3 = [number, number, number, number, number, number, number, number, number];

/** The 3×3 identity. */
export const IDENTITY3: Readonly<Mat3> = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** Matrix product a · b. */
export function mul3(a: Readonly<Mat3>, b: Readonly<Mat3>): Mat3 {
  const out = new Array<number>(9).fill(0) as Mat3;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
    out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  }
  return out;
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix. */
export function symmetricEigen(m: Readonly<Mat3>): { values: Vec3; vectors: Mat3 } {
  const a = [...m] as Mat3;
  const v = [...IDENTITY3] as Mat3;
  for (let sweep = 0; sweep < 50; sweep++) {
    const off = a[1]! * a[1]! + a[2]! * a[2]! + a[5]! * a[5]!;
    if (off < 1e-30) break;
    for (const [p, q] of [[0, 1], [0, 2], [1, 2]] as const) {
      const apq = a[p * 3 + q]!;
      if (Math.abs(apq) < 1e-300) continue;
      const theta = (a[q * 3 + q]! - a[p * 3 + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1), s = t * c;
      // a ← Jᵀ a J, v ← v J for the rotation J in the (p, q) plane.
      for (let k = 0; k < 3; k++) {
        const akp = a[k * 3 + p]!, akq = a[k * 3 + q]!;
        a[k * 3 + p] = c * akp - s * akq;
        a[k * 3 + q] = s * akp + c * akq;
      }
      for (let k = 0; k < 3; k++) {
        const apk = a[p * 3 + k]!, aqk = a[q * 3 + k]!;
        a[p * 3 + k] = c * apk - s * aqk;
        a[q * 3 + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < 3; k++) {
        const vkp = v[k * 3 + p]!, vkq = v[k * 3 + q]!;
        v[k * 3 + p] = c * vkp - s * vkq;
        v[k * 3 + q] = s * vkp + c * vkq;
      }
    }
  }
  return { values: [a[0]!, a[4]!, a[8]!], vectors: v };
}

/** V · diag(fn(λ)) · Vᵀ for a symmetric matrix: matrix functions such as the square root. */
export function symmetricFunction(m: Readonly<Mat3>, fn: (lambda: number) => number): Mat3 {
  const { values, vectors: v } = symmetricEigen(m);
  const d = values.map(fn);
  const out = new Array<number>(9).fill(0) as Mat3;
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) {
    let s = 0;
    for (let k = 0; k < 3; k++) s += v[r * 3 + k]! * d[k]! * v[c * 3 + k]!;
    out[r * 3 + c] = s;
  }
  return out;
}

/** Mean and covariance of interleaved 3-D samples, in double precision. */
export function meanCovariance(samples: Float32Array | Float64Array): { mean: Vec3; cov: Mat3 } {
  const n = samples.length / 3;
  const mean: Vec3 = [0, 0, 0];
  for (let i = 0; i < samples.length; i += 3) { mean[0] += samples[i]!; mean[1] += samples[i + 1]!; mean[2] += samples[i + 2]!; }
  mean[0] /= n; mean[1] /= n; mean[2] /= n;
  const cov = new Array<number>(9).fill(0) as Mat3;
  for (let i = 0; i < samples.length; i += 3) {
    const d0 = samples[i]! - mean[0], d1 = samples[i + 1]! - mean[1], d2 = samples[i + 2]! - mean[2];
    cov[0] += d0 * d0; cov[1] += d0 * d1; cov[2] += d0 * d2;
    cov[4] += d1 * d1; cov[5] += d1 * d2; cov[8] += d2 * d2;
  }
  cov[3] = cov[1]; cov[6] = cov[2]; cov[7] = cov[5];
  for (let i = 0; i < 9; i++) cov[i] = cov[i]! / n;
  return { mean, cov };
}
