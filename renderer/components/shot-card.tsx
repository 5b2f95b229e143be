/** One shot as a card: thumbnail, kind, deltas as chips, status and score badges. */
import type { ShotView } from '../../core/api/types.ts';
import { deltaText } from '../../core/api/contract.ts';
import { assetUrl } from '../bridge.ts';

export function ShotCard({ shot, selected, onSelect }: { shot: ShotView; selected: boolean; onSelect(): void }) {
  return (
    <button type="button" className={`shot-card kind-${shot.kind}${selected ? ' selected' : ''}${shot.stale ? ' stale' : ''}`}
      data-shot-id={shot.id} data-status={shot.status} aria-pressed={selected}
      aria-label={`Shot ${shot.index + 1}: ${shot.label} (${shot.kind}, ${shot.status})`} onClick={onSelect}>
      <div className="thumb">
        {shot.thumbSha256 ? <img src={assetUrl({ sha256: shot.thumbSha256, ext: 'png' })} alt="" /> : <div className="thumb-empty">{shot.framing}</div>}
        <span className={`badge status-${shot.status}`}>{shot.status}</span>
        {shot.score !== null && <span className={`badge score ${shot.pass ? 'pass' : 'fail'}`} title="Continuity score">{shot.score.toFixed(2)}</span>}
        {shot.review && shot.review !== 'pending' && <span className={`badge review-${shot.review}`}>{shot.review}</span>}
      </div>
      <div className="shot-meta">
        <div className="shot-title"><span className="kind">{shot.kind}</span> #{shot.index + 1} · {shot.framing} · {shot.motion}</div>
        <div className="chips">{shot.deltas.map((d, i) => <span key={i} className={`chip delta-${d.kind}`}>{deltaText(d)}</span>)}</div>
        {shot.editedBy && <span className="chip" title={`Changed after planning by ${shot.editedBy}`}>edited</span>}
        {shot.stale && <div className="stale-mark" title="Its inputs changed since it was rendered">stale</div>}
      </div>
    </button>
  );
}
