/** Smallest supported duration ≥ the request (conform trims locally), else the longest supported. */
export function pickDuration(seconds: number, supported: number[]): number {
  const sorted = [...supported].sort((a, b) => a - b);
  return sorted.find((d) => d >= seconds - 1e-9) ?? sorted[sorted.length - 1] ?? seconds;
}
