/** Export dialog: formats, approved-only or all, destination; progress; reveal in folder. */
import { useEffect, useRef, useState } from 'react';
import { FORMATS } from '../../core/api/contract.ts';
import { useExport } from '../state/export-slice.ts';
import { useReview } from '../state/review-slice.ts';
import { call, studio } from '../bridge.ts';
import { RelinkPackButton } from '../components/relink-pack-button.tsx';

type Format = (typeof FORMATS)[number];
const LABELS: Record<Format, string> = { fcpxml: 'Final Cut / Resolve (FCPXML)', edl: 'CMX3600 EDL', otio: 'OpenTimelineIO', mlt: 'Kdenlive / MLT' };

export function ExportDialog({ lookId, onClose }: { lookId: string; onClose(): void }) {
  const E = useExport();
  const stats = useReview((s) => s.stats);
  const [formats, setFormats] = useState<Format[]>([...FORMATS]);
  const [includeAll, setIncludeAll] = useState(false);
  const [outDir, setOutDir] = useState('');
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => { E.reset(); void useReview.getState().loadStats(lookId); dialog.current?.focus(); }, [lookId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape' && !E.running) onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const browse = async () => { const d = await call(studio().system.pickDirectory({ title: 'Export clip pack to…' })); if (d) setOutDir(d); };
  const toggle = (f: Format) => setFormats(formats.includes(f) ? formats.filter((x) => x !== f) : [...formats, f]);
  const state = E.result ? 'done' : E.error ? 'error' : E.running ? 'running' : 'idle';

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="export-title" tabIndex={-1} ref={dialog} data-screen="export" data-export-state={state} data-export-root={E.result?.root ?? ''}>
        <h2 id="export-title">Export clip pack</h2>
        <fieldset><legend>Timelines</legend>
          {FORMATS.map((f) => <label key={f} className="check"><input type="checkbox" checked={formats.includes(f)} onChange={() => toggle(f)} /> {LABELS[f]}</label>)}
        </fieldset>
        <fieldset><legend>Clips</legend>
          <label className="check"><input type="radio" name="which" checked={!includeAll} onChange={() => setIncludeAll(false)} /> Approved only{stats ? ` (${stats.approved})` : ''}</label>
          <label className="check"><input type="radio" name="which" checked={includeAll} onChange={() => setIncludeAll(true)} /> All takes{stats ? ` (${stats.total})` : ''}</label>
        </fieldset>
        <label className="field">Destination folder
          <span className="form-row">
            <input aria-label="Destination folder" placeholder="/path/to/exports" value={outDir} onChange={(e) => setOutDir(e.target.value)} />
            {studio().platform.kind === 'electron' && <button type="button" onClick={() => void browse()}>Browse…</button>}
          </span>
        </label>
        {(E.running || E.progress > 0) && (
          <div className="progress" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(E.progress * 100)}>
            <div className="progress-bar" style={{ width: `${Math.round(E.progress * 100)}%` }} />
          </div>
        )}
        {E.running && <p className="muted small" role="status">{E.message}</p>}
        {E.error && <p className="field-error" role="alert">{E.error}</p>}
        {E.result && (
          <div className="export-result" role="status">
            <p>Exported {E.result.files} files to <code>{E.result.root}</code>.</p>
            {E.result.skipped.length > 0 && <details><summary>{E.result.skipped.length} clips not exported</summary><ul>{E.result.skipped.map((s) => <li key={s.name}>{s.name}: {s.reason}</li>)}</ul></details>}
            <button type="button" onClick={() => void studio().system.reveal({ path: E.result!.root })}>Reveal in folder</button>
          </div>
        )}
        <details><summary>Moved a pack?</summary><RelinkPackButton /></details>
        <div className="actions">
          <button type="button" onClick={onClose} disabled={E.running}>Close</button>
          <button type="button" className="primary" disabled={E.running || !outDir.trim() || formats.length === 0}
            onClick={() => void E.start({ lookId, outDir: outDir.trim(), formats, includeAll })}>Export</button>
        </div>
      </div>
    </div>
  );
}
