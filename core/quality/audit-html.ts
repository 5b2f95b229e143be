/**
 * The audit report as one self-contained HTML file: inline CSS, thumbnails as data URIs, no
 * scripts and no external assets, so it can be mailed to a client or opened offline. Every
 * value from the outside world (file names, reasons) is escaped.
 */
import type { AuditClip, AuditReport } from './audit.ts';
import { LOWER_IS_BETTER, type JudgedMetric, type Thresholds } from './thresholds.ts';
import type { TakeMetrics } from './score-metrics.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));

/**
 * One metric's cell: its value, and when the gate judged it, the limit beside it, marked failing
 * or passing, with the check's reason as the tooltip (issue 10 item 9: value next to its reason).
 */
function metricCell(c: AuditClip, metric: keyof TakeMetrics, digits = 2): string {
  const value = c.metrics?.[metric] ?? null;
  const check = c.checks.find((k) => k.metric === metric);
  if (!check) return `<td>${num(value, digits)}</td>`;
  const op = LOWER_IS_BETTER.has(check.metric as JudgedMetric) ? '≤' : '≥';
  const title = check.reason ? ` title="${escapeHtml(check.reason)}"` : '';
  return `<td class="${check.pass ? 'ok' : 'bad'}"${title}>${num(check.value, digits)}<br><small>${op} ${check.limit}</small></td>`;
}

function row(c: AuditClip, rank: number, thumb: string | undefined): string {
  const status = c.error ? '<span class="bad">unreadable</span>' : c.pass ? '<span class="ok">pass</span>' : '<span class="bad">fail</span>';
  const pct = Math.round((c.score ?? 0) * 100);
  const reasons = c.error ? [c.error] : c.reasons;
  return `<tr>
  <td>${rank}</td>
  <td>${thumb ? `<img src="${thumb}" alt="${escapeHtml(c.name)}">` : ''}</td>
  <td class="name">${escapeHtml(c.name)}</td>
  <td><div class="bar"><span style="width:${pct}%"></span></div>${num(c.score)}</td>
  <td>${status}</td>
  ${metricCell(c, 'chromaticityDistance')}
  ${metricCell(c, 'abHistogramDistance')}
  ${metricCell(c, 'paletteDeltaE', 1)}
  ${metricCell(c, 'histogramDistance')}
  ${metricCell(c, 'flicker')}
  ${metricCell(c, 'drift', 1)}
  <td>${c.lut ? `<a href="${escapeHtml(encodeURI(c.lut))}">${escapeHtml(c.lut)}</a><br><small>${escapeHtml(c.lutMethod ?? '')} → ΔE ${num(c.paletteDeltaEAfterLut, 1)}</small>` : '—'}</td>
  <td><ul>${reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul></td>
</tr>`;
}

export interface AuditHtmlExtras {
  thumbnails: ReadonlyMap<string, string>;
  referenceThumbs: readonly string[];
  thresholds: Thresholds;
}

export function renderAuditHtml(report: AuditReport, extras: AuditHtmlExtras): string {
  const t = extras.thresholds;
  const s = report.summary;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>Continuity audit — ${escapeHtml(report.dir)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d1d1f;background:#fafafa}
h1{font-size:20px;margin:0 0 4px}.meta{color:#666;margin:0 0 16px}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e5e5e5;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0;font-weight:600}img{width:160px;border-radius:3px;display:block}.refs img{display:inline-block;margin-right:8px}
.bar{width:80px;height:6px;background:#eee;border-radius:3px;margin-bottom:2px}.bar span{display:block;height:6px;background:#3a7;border-radius:3px}
.ok{color:#1a7f37;font-weight:600}.bad{color:#c62828;font-weight:600}.name{word-break:break-all}ul{margin:0;padding-left:16px}small{color:#666}
</style></head><body>
<h1>Continuity audit</h1>
<p class="meta">${escapeHtml(report.dir)} · ${s.clips} clips: ${s.passed} pass, ${s.failed} fail, ${s.unreadable} unreadable · shot kind ${escapeHtml(report.kind)} · ${escapeHtml(report.generatedAt)}</p>
<p class="meta">Thresholds: chromaticity ≤ ${t.chromaticityDistance ?? '—'} · a*b* histogram ≤ ${t.abHistogramDistance ?? '—'} · palette ΔE2000 ≤ ${t.paletteDeltaE ?? '—'} · Lab histogram ≤ ${t.histogramDistance ?? '—'} · flicker ≤ ${t.flicker ?? '—'} L* · drift ΔE ≤ ${t.drift ?? '—'}. Each judged figure shows its limit beside it (red: outside it; hover for the reason). Worst drifts first. Suggested LUTs (.cube, 33³) are beside this report.</p>
<div class="refs">${extras.referenceThumbs.map((src, i) => `<img src="${src}" alt="reference ${i + 1}" title="${escapeHtml(report.references[i] ?? '')}">`).join('')}</div>
<table>
<thead><tr><th>#</th><th>frame</th><th>clip</th><th>score</th><th>verdict</th><th>chromaticity</th><th>a*b* hist.</th><th>palette ΔE</th><th>histogram</th><th>flicker</th><th>drift ΔE</th><th>suggested LUT</th><th>reasons</th></tr></thead>
<tbody>
${report.clips.map((c, i) => row(c, i + 1, extras.thumbnails.get(c.file))).join('\n')}
</tbody></table>
</body></html>
`;
}
