/** Reference board: drop images or folders, tag roles, approve / reject, palette chips, refusals with reasons. */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { REFERENCE_ROLES } from '../../core/api/contract.ts';
import type { ReferenceRole } from '../../core/api/types.ts';
import { useLook } from '../state/look-slice.ts';
import { useProject } from '../state/project-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { collectDroppedFiles } from '../components/collect-dropped-files.ts';
import { Empty, ErrorState, Loading } from '../components/status.tsx';
import { assetUrl, studio } from '../bridge.ts';

export function ReferenceBoard() {
  const lookId = useProject((s) => s.lookId);
  const L = useLook();
  const [busy, run] = useAction();
  const [role, setRole] = useState<ReferenceRole>('style');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => { if (lookId) void L.load(lookId); }, [lookId]);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = await collectDroppedFiles(e.dataTransfer, studio().platform.kind === 'electron');
    if (files.length) await run('Add references', () => L.addFiles(files, role));
  };

  if (L.status === 'loading' || L.status === 'idle') return <Loading what="references" />;
  if (L.status === 'error' || !L.look) return <ErrorState message={L.error ?? 'look not found'} onRetry={() => lookId && void L.load(lookId)} />;
  const refs = L.look.references;
  const approved = refs.filter((r) => r.approved).length;

  return (
    <section className="screen" data-screen="references" data-ready={L.adding || busy ? 'false' : 'true'} data-count={refs.length} aria-labelledby="refs-title">
      <header className="screen-head">
        <h1 id="refs-title">Reference board</h1>
        <p className="muted">{refs.length} reference{refs.length === 1 ? '' : 's'} · {approved} approved · 3–5 approved references work best.</p>
      </header>
      <div className={`dropzone${over ? ' over' : ''}`} data-testid="dropzone" role="region" aria-label="Drop reference images or folders here"
        onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={(e) => void onDrop(e)}>
        <div>
          <strong>Drop images or folders here</strong>
          <p className="muted small">PNG, JPEG or WebP. Files that are not images, are damaged or are too large are refused with the reason.</p>
        </div>
        <label className="inline">Role for new references
          <select aria-label="Role for new references" value={role} onChange={(e) => setRole(e.target.value as ReferenceRole)}>
            {REFERENCE_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => input.current?.click()} disabled={L.adding}>Add images…</button>
        <input ref={input} type="file" multiple accept="image/*" hidden aria-label="Choose reference images"
          onChange={(e) => { const f = [...(e.target.files ?? [])]; e.target.value = ''; if (f.length) void run('Add references', () => L.addFiles(f, role)); }} />
        {L.adding && <span className="spinner" role="status" aria-label="Adding references" />}
      </div>
      {L.rejected.length > 0 && (
        <div className="rejections" role="alert" aria-label="Refused files">
          <strong>Refused:</strong>
          <ul>{L.rejected.map((r) => <li key={r.name} data-rejected={r.name}><code>{r.name}</code> — {r.reason}</li>)}</ul>
        </div>
      )}
      {refs.length === 0 ? <Empty title="No references yet"><p>Drop 3–5 images that show the wardrobe, set, lighting or product of this look.</p></Empty> : (
        <ul className="ref-grid" aria-label="References">
          {refs.map((r) => (
            <li key={r.id} className={`ref-card${r.approved ? '' : ' rejected'}`} data-reference-id={r.id}>
              <img src={assetUrl(r)} alt={`Reference ${r.name}`} loading="lazy" />
              <div className="ref-meta">
                <div className="ref-name" title={r.name}>{r.name}</div>
                <div className="muted small">{r.width}×{r.height}</div>
                <div className="chips" aria-label={`Palette of ${r.name}`}>
                  {r.palette.map((c) => <span key={c.hex} className="swatch" style={{ background: c.hex, flexGrow: Math.max(0.2, c.weight) }} title={`${c.hex} · ${(c.weight * 100).toFixed(0)}%`} />)}
                </div>
                <div className="ref-actions">
                  <select aria-label={`Role of ${r.name}`} value={r.role} onChange={(e) => void run('Set role', () => L.setRole(r.id, e.target.value as ReferenceRole))}>
                    {REFERENCE_ROLES.map((x) => <option key={x} value={x}>{x}</option>)}
                  </select>
                  <button type="button" aria-pressed={r.approved} aria-label={`${r.approved ? 'Reject' : 'Approve'} ${r.name}`}
                    className={r.approved ? 'ok' : ''} onClick={() => void run('Approve', () => L.setApproved(r.id, !r.approved))}>{r.approved ? '✓ Approved' : 'Rejected'}</button>
                  <button type="button" className="ghost" aria-label={`Remove ${r.name}`} onClick={() => void run('Remove reference', async () => {
                    if (await useUi.getState().confirm({ title: `Remove ${r.name}?`, body: 'The image leaves this look’s references. Clips made from it are marked stale; their takes are kept.', confirm: 'Remove reference', danger: true })) await L.remove(r.id);
                  })}>Remove</button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
