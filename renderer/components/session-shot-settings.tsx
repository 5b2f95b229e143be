/**
 * Per-shot settings of a session shot (issue 16 item 7, what `continuity session set` does):
 * name, framing, camera motion and an extra action for the prompt. Saving a rendered shot marks
 * it and the shots that continue from it stale.
 */
import { useEffect, useState } from 'react';
import { CAMERA_MOTIONS, FRAMINGS } from '../../core/api/contract.ts';
import type { ShotView } from '../../core/api/types.ts';
import { studio } from '../bridge.ts';
import { useSessions } from '../state/sessions-slice.ts';
import { useAction } from './use-action.ts';

export function SessionShotSettings({ sessionId, shot, disabled }: { sessionId: string; shot: ShotView; disabled: boolean }) {
  const [label, setLabel] = useState(shot.label);
  const [framing, setFraming] = useState(shot.framing);
  const [motion, setMotion] = useState(shot.motion);
  const [action, setAction] = useState(shot.action ?? '');
  const [busy, run] = useAction();
  useEffect(() => { setLabel(shot.label); setFraming(shot.framing); setMotion(shot.motion); setAction(shot.action ?? ''); }, [shot.id, shot.label, shot.framing, shot.motion, shot.action]);
  const patch = {
    ...(label.trim() && label.trim() !== shot.label ? { label: label.trim() } : {}),
    ...(framing !== shot.framing ? { framing } : {}), ...(motion !== shot.motion ? { motion } : {}),
    ...(action.trim() !== (shot.action ?? '') ? { action: action.trim() } : {}),
  };
  const dirty = Object.keys(patch).length > 0;
  const save = () => void run('Save shot settings', () => useSessions.getState().update(studio().sessions.updateShot({ sessionId, shotId: shot.id, ...patch })));

  return (
    <form className="stack shot-settings" aria-label="Shot settings" data-dirty={dirty ? 'true' : 'false'} onSubmit={(e) => { e.preventDefault(); save(); }}>
      <h2>Shot settings</h2>
      <label className="field">Name<input aria-label="Shot name" value={label} maxLength={200} disabled={disabled || busy} onChange={(e) => setLabel(e.target.value)} /></label>
      <div className="form-row">
        <label className="field">Framing
          <select aria-label="Shot framing" value={framing} disabled={disabled || busy} onChange={(e) => setFraming(e.target.value as ShotView['framing'])}>{FRAMINGS.map((f) => <option key={f} value={f}>{f}</option>)}</select>
        </label>
        <label className="field">Camera motion
          <select aria-label="Shot camera motion" value={motion} disabled={disabled || busy} onChange={(e) => setMotion(e.target.value as ShotView['motion'])}>{CAMERA_MOTIONS.map((m) => <option key={m} value={m}>{m}</option>)}</select>
        </label>
      </div>
      <label className="field">Action (added to the prompt)
        <textarea aria-label="Shot action" rows={2} maxLength={600} placeholder="e.g. she turns towards the window" value={action} disabled={disabled || busy} onChange={(e) => setAction(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={disabled || busy || !dirty} title={shot.currentTakeId ? 'A rendered shot, and what continues from it, becomes stale' : undefined}>Save shot settings</button>
    </form>
  );
}
