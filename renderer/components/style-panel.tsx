/**
 * Style reference panel: the reference frame (any look reference or any earlier shot's take),
 * strength slider with presets, continuity mode (frame bridge / style match), character reference.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { STRENGTH_PRESETS } from '../../core/api/contract.ts';
import type { StrengthPreset } from '../../core/api/types.ts';
import type { LookView, SessionView, ShotView } from '../../core/api/types.ts';
import { studio } from '../bridge.ts';
import { useSessions } from '../state/sessions-slice.ts';
import { useAction } from './use-action.ts';
import { SessionShotSettings } from './session-shot-settings.tsx';

export function StylePanel({ session, shot, look, children }: { session: SessionView; shot: ShotView; look: LookView; children?: ReactNode }) {
  const X = useSessions();
  const [busy, run] = useAction();
  const [strength, setStrength] = useState(shot.styleStrength);
  useEffect(() => setStrength(shot.styleStrength), [shot.id, shot.styleStrength]);
  const earlier = session.shots.filter((s) => s.index < shot.index);
  const sid = session.id;
  const pr = session.primaryReference;
  const primaryValue = pr.kind === 'reference' ? `ref:${pr.referenceId ?? ''}` : `take:${pr.shotId}:${pr.at}`;
  const setPrimary = (v: string) => {
    const [kind, a, b] = v.split(':');
    const reference = kind === 'ref' ? { kind: 'reference' as const, referenceId: a! } : { kind: 'take-frame' as const, shotId: a!, at: b === 'first' ? 'first' as const : 'last' as const };
    void run('Set reference frame', () => X.update(studio().sessions.setPrimaryReference({ sessionId: sid, reference })));
  };
  const commitStrength = (v: number) => void run('Set strength', () => X.update(studio().sessions.setStrength({ sessionId: sid, shotId: shot.id, styleStrength: v })));

  return (
    <aside className="side-panel" aria-label="Style reference panel" data-shot-id={shot.id}>
      <div className="side-head"><h2>Shot {shot.index + 1}: {shot.label}</h2></div>
      {shot.score !== null && <p className="small">Score {shot.score.toFixed(2)} · {shot.pass ? 'passed the gate' : 'failed the gate'}{shot.review && shot.review !== 'pending' ? ` · ${shot.review}` : ''}</p>}
      {children}
      <SessionShotSettings sessionId={sid} shot={shot} disabled={busy} />
      <h2>Style reference</h2>
      <label className="field">Reference frame (whole session)
        <select aria-label="Reference frame" value={primaryValue} disabled={busy} onChange={(e) => setPrimary(e.target.value)}>
          <optgroup label="Look references">{look.references.filter((r) => r.approved && r.role !== 'product').map((r) => <option key={r.id} value={`ref:${r.id}`}>{r.name} ({r.role})</option>)}</optgroup>
          <optgroup label="Frames of rendered shots">{session.shots.filter((s) => s.currentTakeId).flatMap((s) => [
            <option key={`${s.id}-first`} value={`take:${s.id}:first`}>#{s.index + 1} {s.label} · first frame</option>,
            <option key={`${s.id}-last`} value={`take:${s.id}:last`}>#{s.index + 1} {s.label} · last frame</option>,
          ])}</optgroup>
        </select>
      </label>
      <label className="field">Inherit style from
        <select aria-label="Inherit style from" value={shot.styleReferenceId ?? ''} disabled={busy}
          onChange={(e) => void run('Set style reference', () => X.update(studio().sessions.setStyleReference({ sessionId: sid, shotId: shot.id, styleReferenceId: e.target.value || null })))}>
          <option value="">Previous shot (default)</option>
          {earlier.map((s) => <option key={s.id} value={s.id}>#{s.index + 1} {s.label}</option>)}
        </select>
      </label>
      <label className="field">Strength <output>{strength.toFixed(2)}</output>
        <input type="range" aria-label="Style strength" min={0} max={1} step={0.05} value={strength} onChange={(e) => setStrength(Number(e.target.value))} onMouseUp={() => commitStrength(strength)} onKeyUp={() => commitStrength(strength)} />
      </label>
      <div className="segmented" role="group" aria-label="Strength presets">
        {(Object.keys(STRENGTH_PRESETS) as StrengthPreset[]).map((p) => (
          <button key={p} type="button" aria-pressed={Math.abs(strength - STRENGTH_PRESETS[p]) < 0.001} onClick={() => { setStrength(STRENGTH_PRESETS[p]); commitStrength(STRENGTH_PRESETS[p]); }}>{p}</button>
        ))}
      </div>
      <div className="field">Continuity mode
        <div className="segmented" role="group" aria-label="Continuity mode">
          <button type="button" aria-pressed={shot.continuityMode === 'frame-bridge'} onClick={() => void run('Set mode', () => X.setMode(shot.id, 'frame-bridge'))}>Frame bridge</button>
          <button type="button" aria-pressed={shot.continuityMode === 'style-match'} onClick={() => void run('Set mode', () => X.setMode(shot.id, 'style-match'))}>Style match</button>
        </div>
        <p className="muted small">{shot.continuityMode === 'frame-bridge' ? 'Continues from the exact last frame of the previous shot (same angle).' : 'A new angle from a keyframe matched to the reference style.'}</p>
      </div>
      <label className="field">Character reference
        <select aria-label="Character reference" value={shot.characterReference ?? ''}
          onChange={(e) => void run('Set character', () => X.update(studio().sessions.setCharacterReference({ sessionId: sid, shotId: shot.id, referenceId: e.target.value || null })))}>
          <option value="">None</option>
          {look.references.map((r) => <option key={r.id} value={r.id}>{r.name}{r.role === 'character' ? ' (character)' : ''}</option>)}
        </select>
      </label>
    </aside>
  );
}
