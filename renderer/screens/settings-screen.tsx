/** Settings: provider keys (set / test / remove; only "set · …last4" is ever shown), defaults, budget, paths. */
import { useEffect, useState } from 'react';
import { call, studio } from '../bridge.ts';
import type { CommandInput } from '../../core/api/contract.ts';
import { useSettings } from '../state/settings-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { ErrorState, Loading } from '../components/status.tsx';

type Provider = CommandInput<'keys.set'>['provider'];

function KeyRow({ provider, hint, envVar, isSet }: { provider: Provider; hint: string; envVar: string; isSet: boolean }) {
  const S = useSettings();
  const [busy, run] = useAction();
  const [draft, setDraft] = useState('');
  const test = S.testResults[provider];
  return (
    <tr data-provider={provider} data-key-set={isSet ? 'true' : 'false'}>
      <th scope="row">{provider}<div className="muted small">{envVar}</div></th>
      <td><span className={`badge keyhint ${isSet ? 'pass' : ''}`} data-testid={`key-hint-${provider}`}>{hint}</span></td>
      <td>
        <form className="form-row" onSubmit={(e) => { e.preventDefault(); void run(`Save ${provider} key`, () => S.setKey(provider, draft)).then((ok) => ok && setDraft('')); }}>
          <input type="password" autoComplete="off" aria-label={`${provider} key`} placeholder="paste key" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={busy || draft.trim().length < 8}>Save</button>
        </form>
      </td>
      <td className="row-actions">
        <button type="button" disabled={busy || !isSet} aria-label={`Test ${provider} connection`} onClick={() => void run('Test connection', () => S.testKey(provider))}>Test</button>
        <button type="button" disabled={busy || !isSet} className="ghost" aria-label={`Remove ${provider} key`} onClick={() => void run('Remove key', () => S.removeKey(provider))}>Remove</button>
        {test && <div className={`small ${test.ok ? 'ok-text' : 'field-error'}`} role="status">{test.message}</div>}
      </td>
    </tr>
  );
}

export function SettingsScreen() {
  const S = useSettings();
  const [busy, run] = useAction();
  useEffect(() => { void S.load(); }, []);

  if (S.status === 'error') return <ErrorState message={S.error ?? ''} onRetry={() => void S.load()} />;
  if (!S.settings || !S.keys) return <Loading what="settings" />;
  const st = S.settings;
  const save = (patch: CommandInput<'settings.set'>) => void run('Save settings', async () => { await S.save(patch); useUi.getState().toast('info', 'Settings saved.'); });
  const video = S.models.filter((m) => m.kind === 'video');

  return (
    <section className="screen" data-screen="settings" data-ready={busy ? 'false' : 'true'} aria-labelledby="settings-title">
      <header className="screen-head"><h1 id="settings-title">Settings</h1></header>
      <div className="panel">
        <h2>Provider keys</h2>
        <p className="muted small">Keys stay in the {S.keys.storage.backend} key store on this machine; the app only ever shows the last four characters. With no keys at all, the built-in local animatic renderer still works end to end.</p>
        {S.keys.storage.warning && <p className="warning" role="alert">{S.keys.storage.warning}</p>}
        <table className="keys" aria-label="Provider keys"><tbody>
          {S.keys.keys.map((k) => <KeyRow key={k.provider} provider={k.provider as Provider} hint={k.hint} envVar={k.envVar} isSet={k.set} />)}
        </tbody></table>
      </div>
      <div className="columns">
        <div className="panel">
          <h2>Defaults</h2>
          <label className="field">Default model
            <select aria-label="Default model" value={`${st.defaultProvider}:${st.defaultModel}`} onChange={(e) => { const [p, ...m] = e.target.value.split(':'); save({ defaultProvider: p!, defaultModel: m.join(':') }); }}>
              {video.map((m) => <option key={`${m.provider}:${m.id}`} value={`${m.provider}:${m.id}`} disabled={!m.eligible}>{m.provider} · {m.id}{m.eligible ? '' : ` — ${m.why}`}</option>)}
            </select>
          </label>
          <label className="field">Default budget per batch (USD)<input type="number" aria-label="Default budget" min={0} defaultValue={st.budgetUsd ?? ''} onBlur={(e) => save({ budgetUsd: e.target.value === '' ? null : Number(e.target.value) })} /></label>
          <label className="field">Parallel local jobs<input type="number" aria-label="Parallel local jobs" min={1} max={16} defaultValue={st.concurrency} onBlur={(e) => save({ concurrency: Math.max(1, Math.min(16, Number(e.target.value) || 1)) })} /></label>
          <label className="check"><input type="checkbox" checked={st.commercialOnly} onChange={(e) => save({ commercialOnly: e.target.checked })} /> Only use models cleared for commercial use</label>
          <label className="field">Luma image host
            <select aria-label="Luma image host" value={st.lumaImageHost ?? ''} onChange={(e) => save({ lumaImageHost: e.target.value === 'fal' ? 'fal' : null })}>
              <option value="">None (Luma stays off)</option>
              <option value="fal">My fal storage (needs a fal key)</option>
            </select>
          </label>
          <p className="muted small" data-testid="luma-image-host-note">Luma cannot receive files: it downloads each start image, and each clip it edits, from a public web address. To use Luma, choose your own fal storage here and save a fal key above. Those images and clips are then uploaded there as public links, and every take records the links.</p>
        </div>
        <div className="panel">
          <h2>ffmpeg</h2>
          <p className="muted small" aria-label="ffmpeg path">{st.ffmpegPath ?? 'Default: FFMPEG_PATH, the bundled ffmpeg or the one on PATH.'}</p>
          <div className="form-row">
            <button type="button" disabled={busy} onClick={() => void run('Choose ffmpeg', async () => { await call(studio().settings.chooseFfmpeg({})); await S.load(); })}>Choose ffmpeg…</button>
            {st.ffmpegPath && <button type="button" disabled={busy} onClick={() => void run('Use the default ffmpeg', async () => { await call(studio().settings.chooseFfmpeg({ reset: true })); await S.load(); })}>Use default</button>}
          </div>
          <h2>Models</h2>
          <ul className="models" aria-label="Models">
            {video.map((m) => <li key={`${m.provider}:${m.id}`} className={m.eligible ? '' : 'muted'}><strong>{m.provider}</strong> {m.id}{m.pricePerSecondUsd ? ` · list price $${m.pricePerSecondUsd.toFixed(3)}/s` : m.provider === 'local' ? ' · free' : ''}{m.why && <div className="small">{m.why}</div>}</li>)}
          </ul>
        </div>
      </div>
    </section>
  );
}
