/**
 * Canon history (issue 16 item 2): every saved version with where it came from, viewable, and
 * restorable. A restore is saved as a new version that names the one it copies; nothing is
 * overwritten, and rendered clips are marked stale as after any canon change.
 */
import { useEffect, useState } from 'react';
import type { CanonView } from '../../core/api/types.ts';
import { call, studio } from '../bridge.ts';
import { useLook } from '../state/look-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from './use-action.ts';

const SOURCE_WORDS: Record<CanonView['source'], string> = { offline: 'drafted offline', openai: 'drafted with OpenAI', edited: 'edited by you', file: 'from the LOOK.json file', restored: 'restored' };

const describe = (v: CanonView) => `Version ${v.version} · ${v.source === 'restored' && v.restoredFrom ? `restored from version ${v.restoredFrom}` : SOURCE_WORDS[v.source]} · ${new Date(v.createdAt).toLocaleString()}`;

function summary(v: CanonView): string {
  const c = v.canon;
  return [
    `Style: ${c.style.era}; ${c.style.texture}; ${c.style.grade}; ${c.style.filmEmulation}`,
    `Camera: ${c.camera.framing}, ${c.camera.lens}, ${c.camera.motion}`,
    `Lighting: ${c.lighting.keyDirection}; ${c.lighting.fillRim}; palette ${c.lighting.paletteAnchors.join(' ')}`,
    `Wardrobe: ${c.wardrobe.items.join(', ')} (${c.wardrobe.materials.join(', ')}); ${c.wardrobe.colorConstraints}`,
    `Set: ${c.setDressing.backgroundObjects.join(', ')}; props ${c.setDressing.props.join(', ')}`,
    `Action: ${c.action.map((b) => `${b.atSeconds}s ${b.beat}`).join('; ')}`,
    `Negatives: ${c.negatives.join(', ') || '—'}`,
  ].join('\n');
}

export function CanonVersions({ lookId, current, edited }: { lookId: string; current: number; edited: boolean }) {
  const [versions, setVersions] = useState<CanonView[]>([]);
  const [shown, setShown] = useState<number | null>(null);
  const [busy, run] = useAction();
  useEffect(() => { void run('Load canon versions', async () => setVersions(await call(studio().canon.versions({ lookId })))); }, [lookId, current]);
  if (versions.length < 2) return null;
  const view = versions.find((v) => v.version === shown);
  const restore = (v: CanonView) => void run('Restore canon', async () => {
    if (!(await useUi.getState().confirm({
      title: `Restore canon version ${v.version}?`,
      body: `It becomes version ${current + 1}; every version stays in the history.${edited ? ' Your unsaved edits on this screen are replaced.' : ''} Rendered clips are marked stale.`,
      confirm: 'Restore this version',
    }))) return;
    const canon = await call(studio().canon.restore({ lookId, version: v.version }));
    const look = useLook.getState().look;
    if (look) useLook.setState({ look: { ...look, canon } });
    setShown(null);
  });

  return (
    <details className="panel canon-versions" data-testid="canon-versions">
      <summary>History: {versions.length} versions</summary>
      <ul className="list" aria-label="Canon versions">
        {versions.map((v) => (
          <li key={v.version} className={v.version === current ? 'selected' : ''}>
            <span>{describe(v)}{v.version === current ? ' · current' : ''}</span>
            <span className="row-actions">
              <button type="button" className="ghost small" aria-pressed={shown === v.version} onClick={() => setShown(shown === v.version ? null : v.version)}>View</button>
              {v.version !== current && <button type="button" className="small" disabled={busy} aria-label={`Restore version ${v.version}`} onClick={() => restore(v)}>Restore</button>}
            </span>
          </li>
        ))}
      </ul>
      {view && <pre className="prompt" aria-label={`Canon version ${view.version}`}>{summary(view)}</pre>}
    </details>
  );
}
