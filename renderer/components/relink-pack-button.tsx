/**
 * "Relink pack…": after a clip pack folder was moved or copied, point its .otio/.fcpxml/.edl
 * media links at the new place (export.relink; every clip checked against the manifest's sha256
 * first). In the desktop app the folder comes from the system picker; in a browser it is typed.
 */
import { useState } from 'react';
import type { RelinkView } from '../../core/api/types.ts';
import { call, errorText, studio } from '../bridge.ts';

export function RelinkPackButton() {
  const [packDir, setPackDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<RelinkView | null>(null);
  const [error, setError] = useState('');
  const electron = studio().platform.kind === 'electron';

  const relink = async (dir: string) => {
    setBusy(true); setError(''); setDone(null);
    try { setDone(await call(studio().export.relink({ packDir: dir }))); } catch (err) { setError(errorText(err)); } finally { setBusy(false); }
  };
  const pickAndRelink = async () => {
    const dir = await call(studio().system.pickDirectory({ title: 'Relink which clip pack? (the folder holding manifest.json)' }));
    if (dir) { setPackDir(dir); await relink(dir); }
  };

  return (
    <div className="relink-pack" data-relink-state={busy ? 'running' : error ? 'error' : done ? 'done' : 'idle'}>
      {!electron && <input aria-label="Moved pack folder" placeholder="/path/to/moved/pack" value={packDir} onChange={(e) => setPackDir(e.target.value)} />}
      <button type="button" disabled={busy || (!electron && !packDir.trim())} onClick={() => void (electron ? pickAndRelink() : relink(packDir.trim()))}>Relink pack…</button>
      {error && <p className="field-error" role="alert">{error}</p>}
      {done && <p className="muted small" role="status">Relinked {done.timelines.reduce((n, t) => n + t.references, 0)} media links in {done.timelines.length} timelines; {done.verified} clips verified against the manifest.</p>}
    </div>
  );
}
