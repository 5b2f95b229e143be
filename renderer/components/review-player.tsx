/**
 * The review player: before / after the grade without losing the playhead, frame stepping with
 * the , and . keys, and a side-by-side compare with the take's anchor (variants) or the look
 * reference (issue 16 item 5).
 */
import { useEffect, useRef, useState } from 'react';
import type { AssetRef, TakeView } from '../../core/api/types.ts';
import { assetUrl } from '../bridge.ts';

export interface CompareSource { label: string; image?: AssetRef | null; video?: AssetRef | null }

export function ReviewPlayer({ take, label, fps, compare }: { take: TakeView; label: string; fps: number; compare: CompareSource[] }) {
  const [after, setAfter] = useState(true);
  const [against, setAgainst] = useState<number>(-1);
  const [frame, setFrame] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const resume = useRef<{ time: number; paused: boolean } | null>(null);
  const media = after ? take.graded ?? take.original : take.original;

  useEffect(() => { setAgainst(-1); }, [take.shotId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement) return;
      const v = video.current;
      if (!v || (e.key !== ',' && e.key !== '.')) return;
      e.preventDefault();
      v.pause();
      v.currentTime = Math.max(0, Math.min(v.duration || 0, v.currentTime + (e.key === '.' ? 1 : -1) / fps));
      setFrame(Math.round(v.currentTime * fps));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fps]);

  // Switching before / after swaps the source: keep the playhead and the play state across it.
  const toggle = (next: boolean) => {
    const v = video.current;
    if (v) resume.current = { time: v.currentTime, paused: v.paused };
    setAfter(next);
  };
  const restore = () => {
    const v = video.current;
    const r = resume.current;
    if (!v || !r) return;
    v.currentTime = r.time;
    if (r.paused) v.pause(); else void v.play().catch(() => undefined);
    resume.current = null;
  };
  const other = against >= 0 ? compare[against] : undefined;
  const main = media
    ? <video ref={video} key={media.sha256} src={assetUrl(media)} controls loop autoPlay muted playsInline data-testid="review-video"
      aria-label={`Clip ${label} (${after ? 'graded' : 'original'})`} onLoadedMetadata={restore} onTimeUpdate={(e) => setFrame(Math.round(e.currentTarget.currentTime * fps))} />
    : <div className="thumb-empty">no output</div>;

  return (
    <>
      {other ? (
        <div className="compare" data-testid="compare">
          <figure>{main}<figcaption>This take ({after ? 'after grade' : 'before grade'})</figcaption></figure>
          <figure>
            {other.video ? <video src={assetUrl(other.video)} controls loop autoPlay muted playsInline aria-label={other.label} /> : other.image ? <img src={assetUrl(other.image)} alt={other.label} /> : <div className="thumb-empty">not rendered yet</div>}
            <figcaption>{other.label}</figcaption>
          </figure>
        </div>
      ) : <div className="player">{main}</div>}
      <div className="toolbar">
        <div className="segmented" role="group" aria-label="Grade">
          <button type="button" aria-pressed={!after} onClick={() => toggle(false)}>Before grade</button>
          <button type="button" aria-pressed={after} disabled={!take.graded} onClick={() => toggle(true)}>After grade</button>
        </div>
        <label className="inline">Compare with
          <select aria-label="Compare with" value={against} onChange={(e) => setAgainst(Number(e.target.value))}>
            <option value={-1}>Nothing (one player)</option>
            {compare.map((c, i) => <option key={c.label} value={i}>{c.label}</option>)}
          </select>
        </label>
        <span className="frame-info" title="Step with , and .">frame {frame} · <kbd>,</kbd>/<kbd>.</kbd> step</span>
      </div>
    </>
  );
}
