/** Brief → canon: edit the brief, draft the canon (offline or OpenAI), edit every canon field. */
import { useEffect, useState } from 'react';
import { CAMERA_MOTIONS, FRAMINGS, normaliseHex } from '../../core/api/contract.ts';
import type { Canon } from '../../core/api/types.ts';
import { useLook } from '../state/look-slice.ts';
import { useProject } from '../state/project-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { TagList } from '../components/tag-list.tsx';
import { CanonVersions } from '../components/canon-versions.tsx';
import { Empty, ErrorState, Loading } from '../components/status.tsx';

function Text({ label, value, onChange }: { label: string; value: string; onChange(v: string): void }) {
  return <label className="field">{label}<input aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} /></label>;
}

export function CanonEditor() {
  const lookId = useProject((s) => s.lookId);
  const L = useLook();
  const [busy, run] = useAction();
  const [brief, setBrief] = useState('');
  const [c, setC] = useState<Canon | null>(null);

  useEffect(() => { if (lookId) void L.load(lookId); }, [lookId]);
  useEffect(() => { if (L.look) setBrief(L.look.brief); }, [L.look?.id, L.look?.updatedAt]);
  useEffect(() => { setC(L.look?.canon ? structuredClone(L.look.canon.canon) : null); }, [L.look?.canon?.version, L.look?.id]);

  if (L.status === 'error') return <ErrorState message={L.error ?? ''} onRetry={() => lookId && void L.load(lookId)} />;
  if (!L.look) return <Loading what="canon" />;
  const cv = L.look.canon;
  const edited = Boolean(cv && c && JSON.stringify(c) !== JSON.stringify(cv.canon));
  // A new draft replaces the fields on screen: ask when they hold a person's edits (saved or not).
  const draft = (mode: 'offline' | 'openai') => void run(mode === 'offline' ? 'Draft canon offline' : 'Draft canon with OpenAI', async () => {
    if ((cv?.source === 'edited' || edited) && !(await useUi.getState().confirm({
      title: 'Replace your canon edits with a new draft?',
      body: `${edited ? 'You have unsaved edits on this screen. ' : ''}A new draft becomes version ${(cv?.version ?? 0) + 1} and replaces what you see${cv?.source === 'edited' ? ' (your edited version stays in the project history)' : ''}. Rendered clips are marked stale.`,
      confirm: 'Draft anyway', danger: true,
    }))) return;
    await L.draftCanon(mode);
  });
  const save = () => c && void run('Save canon', async () => { await L.updateCanon(c); useUi.getState().toast('info', 'Canon saved as a new version.'); });
  const up = <K extends keyof Canon>(k: K, v: Partial<Canon[K]>) => c && setC({ ...c, [k]: Array.isArray(c[k]) ? v : { ...(c[k] as object), ...v } } as Canon);

  return (
    <section className="screen" data-screen="canon" data-ready={busy || L.drafting ? 'false' : 'true'} data-canon-version={cv?.version ?? 0} aria-labelledby="canon-title">
      <header className="screen-head"><h1 id="canon-title">Brief &amp; canon</h1><p className="muted">The canon is the structured description every prompt is compiled from. Each save is a new version.</p></header>
      <div className="panel">
        <label className="field">Brief<textarea aria-label="Brief" rows={3} value={brief} onChange={(e) => setBrief(e.target.value)} /></label>
        <div className="actions">
          <button type="button" disabled={busy || !brief.trim() || brief === L.look.brief} onClick={() => void run('Save brief', () => L.updateBrief(brief.trim()))}>Save brief</button>
          <span className="spacer" />
          <button type="button" className="primary" disabled={busy || L.drafting} onClick={() => draft('offline')}>Draft canon offline</button>
          <button type="button" disabled={busy || L.drafting} onClick={() => draft('openai')} title="Uses your OpenAI key (Settings)">Draft with OpenAI</button>
        </div>
      </div>
      {!c ? <Empty title="No canon yet"><p>Draft one from the brief, the brand kit and the approved references.</p></Empty> : (
        <>
          <p className="muted small" data-testid="canon-version">Version {cv?.version} · {cv?.source === 'restored' && cv.restoredFrom ? `restored from version ${cv.restoredFrom}` : cv?.source} · {cv ? new Date(cv.createdAt).toLocaleString() : ''}</p>
          {cv && <CanonVersions lookId={L.look.id} current={cv.version} edited={edited} />}
          <div className="columns three">
            <div className="panel">
              <h2>Style</h2>
              <Text label="Era" value={c.style.era} onChange={(era) => up('style', { era })} />
              <Text label="Texture" value={c.style.texture} onChange={(texture) => up('style', { texture })} />
              <Text label="Grade" value={c.style.grade} onChange={(grade) => up('style', { grade })} />
              <Text label="Film emulation" value={c.style.filmEmulation} onChange={(filmEmulation) => up('style', { filmEmulation })} />
              <h2>Camera</h2>
              <label className="field">Framing<select aria-label="Framing" value={c.camera.framing} onChange={(e) => up('camera', { framing: e.target.value as Canon['camera']['framing'] })}>{FRAMINGS.map((f) => <option key={f}>{f}</option>)}</select></label>
              <Text label="Lens" value={c.camera.lens} onChange={(lens) => up('camera', { lens })} />
              <label className="field">Motion<select aria-label="Motion" value={c.camera.motion} onChange={(e) => up('camera', { motion: e.target.value as Canon['camera']['motion'] })}>{CAMERA_MOTIONS.map((m) => <option key={m}>{m}</option>)}</select></label>
            </div>
            <div className="panel">
              <h2>Lighting</h2>
              <Text label="Key direction" value={c.lighting.keyDirection} onChange={(keyDirection) => up('lighting', { keyDirection })} />
              <Text label="Fill / rim" value={c.lighting.fillRim} onChange={(fillRim) => up('lighting', { fillRim })} />
              <div className="field">Palette anchors
                <div className="chips">{c.lighting.paletteAnchors.map((h) => <span key={h} className="swatch big" style={{ background: h }} title={h} />)}</div>
                <TagList label="Palette anchors" values={c.lighting.paletteAnchors} onChange={(paletteAnchors) => up('lighting', { paletteAnchors })} placeholder="#c65d3b, c65d3b or #fff"
                  accept={normaliseHex} refusal={(w) => `Palette anchors: "${w}" is not a colour; type a hex colour such as #c65d3b, c65d3b or #fff`} />
                {c.lighting.paletteAnchors.length >= 8 && <span className="muted small">At most 8 anchors: remove one to add another.</span>}
              </div>
              <h2>Wardrobe</h2>
              <TagList label="Wardrobe items" values={c.wardrobe.items} onChange={(items) => up('wardrobe', { items })} />
              <TagList label="Materials" values={c.wardrobe.materials} onChange={(materials) => up('wardrobe', { materials })} />
              <Text label="Colour constraints" value={c.wardrobe.colorConstraints} onChange={(colorConstraints) => up('wardrobe', { colorConstraints })} />
            </div>
            <div className="panel">
              <h2>Set dressing</h2>
              <TagList label="Background objects" values={c.setDressing.backgroundObjects} onChange={(backgroundObjects) => up('setDressing', { backgroundObjects })} />
              <TagList label="Props" values={c.setDressing.props} onChange={(props) => up('setDressing', { props })} />
              <h2>Action beats</h2>
              {c.action.map((b, i) => (
                <div key={i} className="form-row">
                  <input type="number" aria-label={`Beat ${i + 1} at seconds`} className="narrow" min={0} step={0.5} value={b.atSeconds} onChange={(e) => setC({ ...c, action: c.action.map((x, j) => (j === i ? { ...x, atSeconds: Number(e.target.value) } : x)) })} />
                  <input aria-label={`Beat ${i + 1}`} value={b.beat} onChange={(e) => setC({ ...c, action: c.action.map((x, j) => (j === i ? { ...x, beat: e.target.value } : x)) })} />
                  <button type="button" className="ghost" aria-label={`Remove beat ${i + 1}`} disabled={c.action.length <= 1} onClick={() => setC({ ...c, action: c.action.filter((_, j) => j !== i) })}>×</button>
                </div>
              ))}
              <button type="button" disabled={c.action.length >= 3} onClick={() => setC({ ...c, action: [...c.action, { atSeconds: 0, beat: 'beat' }] })}>Add beat</button>
              <h2>Audio (diegetic)</h2>
              <TagList label="Audio cues" values={c.audio} onChange={(audio) => setC({ ...c, audio })} />
              <h2>Negatives</h2>
              <TagList label="Negatives" values={c.negatives} onChange={(negatives) => setC({ ...c, negatives })} />
            </div>
          </div>
          <div className="actions"><button type="button" className="primary" disabled={busy} onClick={save}>Save canon</button></div>
        </>
      )}
    </section>
  );
}
