/** Brand kit editor: palette swatches (hex input + picker), tone words, lighting, camera, do-not-use list. */
import { useEffect, useState } from 'react';
import { HEX, normaliseHex } from '../../core/api/contract.ts';
import type { BrandKit } from '../../core/api/types.ts';
import { useLook } from '../state/look-slice.ts';
import { useProject } from '../state/project-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { TagList } from '../components/tag-list.tsx';
import { ErrorState, Loading } from '../components/status.tsx';

/** What a person types for a colour, as the #rrggbb the engine takes; anything else stays as typed (and is flagged). */
const asHex = (raw: string): string => normaliseHex(raw) ?? raw.trim();

const comparable = (k: BrandKit) => JSON.stringify({ ...k, palette: k.palette.map((c) => ({ hex: asHex(c.hex), name: c.name || undefined })) });

export function BrandKitEditor() {
  const lookId = useProject((s) => s.lookId);
  const L = useLook();
  const [busy, run] = useAction();
  const [kit, setKit] = useState<BrandKit | null>(null);
  const [saved, setSaved] = useState(0);

  useEffect(() => { if (lookId) void L.load(lookId); }, [lookId]);
  useEffect(() => { if (L.look) setKit(structuredClone(L.look.brandKit)); }, [L.look?.id, L.look?.updatedAt]);
  const dirty = Boolean(kit && L.look && comparable(kit) !== comparable(L.look.brandKit));
  // Leaving with unsaved edits asks first (issue 16 item 2); the guard goes when this screen does.
  useEffect(() => {
    useUi.getState().setLeaveGuard(dirty ? () => 'You have unsaved changes to the brand kit.' : null);
    return () => useUi.getState().setLeaveGuard(null);
  }, [dirty]);

  if (L.status === 'error') return <ErrorState message={L.error ?? ''} onRetry={() => lookId && void L.load(lookId)} />;
  if (!L.look || !kit) return <Loading what="brand kit" />;

  const badHex = kit.palette.map((c) => !HEX.test(asHex(c.hex)));
  const valid = !badHex.some(Boolean) && kit.palette.length > 0 && kit.lighting.trim() && kit.camera.trim();
  const setColor = (i: number, patch: Partial<BrandKit['palette'][number]>) => setKit({ ...kit, palette: kit.palette.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const save = () => void run('Save brand kit', async () => {
    await L.updateBrandKit({ ...kit, palette: kit.palette.map((c) => ({ hex: asHex(c.hex), ...(c.name ? { name: c.name } : {}) })) });
    setSaved((n) => n + 1);
    useUi.getState().toast('info', 'Brand kit saved.');
  });

  return (
    <section className="screen" data-screen="brand" data-ready={busy ? 'false' : 'true'} data-saved={saved} data-dirty={dirty ? 'true' : 'false'} aria-labelledby="brand-title">
      <header className="screen-head"><h1 id="brand-title">Brand kit</h1><p className="muted">The palette anchors every prompt and the post-grade; do-not-use terms never reach a prompt.</p></header>
      <div className="panel">
        <h2>Palette</h2>
        <ul className="palette-editor" aria-label="Palette">
          {kit.palette.map((c, i) => (
            <li key={i} className={badHex[i] ? 'invalid' : ''}>
              <input type="color" aria-label={`Colour ${i + 1} picker`} value={HEX.test(asHex(c.hex)) ? asHex(c.hex) : '#000000'} onChange={(e) => setColor(i, { hex: e.target.value })} />
              <input className="mono" aria-label={`Colour ${i + 1} hex`} aria-invalid={badHex[i]} value={c.hex} maxLength={8} onChange={(e) => setColor(i, { hex: e.target.value })} onBlur={() => setColor(i, { hex: asHex(c.hex) })} />
              <input aria-label={`Colour ${i + 1} name`} placeholder="name (optional)" value={c.name ?? ''} onChange={(e) => setColor(i, { name: e.target.value || undefined })} />
              <button type="button" className="ghost" aria-label={`Remove colour ${i + 1}`} disabled={kit.palette.length <= 1} onClick={() => setKit({ ...kit, palette: kit.palette.filter((_, j) => j !== i) })}>×</button>
              {badHex[i] && <span className="field-error">Colour {i + 1}: type a hex colour such as #c65d3b, c65d3b or #fff</span>}
            </li>
          ))}
        </ul>
        <button type="button" disabled={kit.palette.length >= 16} onClick={() => setKit({ ...kit, palette: [...kit.palette, { hex: '#808080' }] })}>Add colour</button>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Tone words</h2>
          <TagList label="Tone words" values={kit.toneWords} onChange={(toneWords) => setKit({ ...kit, toneWords })} placeholder="e.g. moody, glossy" />
          <h2>Do-not-use list</h2>
          <TagList label="Do-not-use list" values={kit.doNotUse} onChange={(doNotUse) => setKit({ ...kit, doNotUse })} placeholder="e.g. logos, text" />
        </div>
        <div className="panel">
          <label className="field">Lighting<textarea aria-label="Lighting" rows={2} value={kit.lighting} onChange={(e) => setKit({ ...kit, lighting: e.target.value })} /></label>
          <label className="field">Camera<textarea aria-label="Camera" rows={2} value={kit.camera} onChange={(e) => setKit({ ...kit, camera: e.target.value })} /></label>
        </div>
      </div>
      <div className="actions"><button type="button" className="primary" disabled={!valid || busy} onClick={save}>Save brand kit</button></div>
    </section>
  );
}
