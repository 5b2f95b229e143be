/** The score with its legend: each measured figure beside the threshold the gate held it to. */
import type { TakeView } from '../../core/api/types.ts';

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));

export function ScoreLegend({ take }: { take: TakeView }) {
  const verdict = take.pass === null ? 'not scored' : take.pass ? 'passed the gate' : 'failed the gate';
  return (
    <div data-testid="score" data-gate={take.pass === null ? '' : take.pass ? 'passed' : 'failed'}>
      <h2>Score {take.score !== null && <span className={`badge score ${take.pass ? 'pass' : 'fail'}`}>{take.score.toFixed(2)}</span>} <span className={`badge ${take.pass ? 'gate-passed' : take.pass === false ? 'gate-failed' : ''}`}>{verdict}</span></h2>
      <p className="muted small">
        Continuity score from 0 to 1{take.minScore !== null && take.minScore !== undefined ? `; the gate passes a take at ${take.minScore.toFixed(2)} or more and every judged figure within its limit` : ''}.
      </p>
      {(take.metrics?.length ?? 0) > 0 && (
        <table className="legend" aria-label="Score legend">
          <thead><tr><th scope="col">Measured</th><th scope="col">Value</th><th scope="col">Limit</th></tr></thead>
          <tbody>
            {take.metrics!.map((m) => (
              <tr key={m.key} data-metric={m.key}>
                <td>{m.label}</td>
                <td className={m.pass === null ? '' : m.pass ? 'pass' : 'fail'}>{m.value === null ? '—' : fmt(m.value)}</td>
                <td>{m.threshold === null ? 'not judged' : `${m.lowerIsBetter ? '≤' : '≥'} ${fmt(m.threshold)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(take.gateNotes?.length ?? 0) > 0 && <p className="muted small">{take.gateNotes!.join('; ')}.</p>}
      <h3>Reasons</h3>
      {take.reasons.length ? <ul className="reasons">{take.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul> : <p className="muted small">No issues found.</p>}
    </div>
  );
}
