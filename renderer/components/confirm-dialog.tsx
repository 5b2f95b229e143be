/** The one confirmation dialog: what will happen, Cancel (the default, Escape) and the action. */
import { useEffect, useRef } from 'react';
import { useUi } from '../state/ui-slice.ts';

export function ConfirmDialog() {
  const pending = useUi((s) => s.pendingConfirm);
  const answer = useUi((s) => s.answer);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!pending) return;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') { e.stopPropagation(); answer(false); } };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [pending, answer]);
  if (!pending) return null;
  return (
    <div className="modal-backdrop confirm-backdrop">
      <div className="modal confirm" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body" data-testid="confirm">
        <h2 id="confirm-title">{pending.title}</h2>
        <p id="confirm-body">{pending.body}</p>
        <div className="actions">
          <button type="button" ref={cancel} onClick={() => answer(false)}>Cancel</button>
          <button type="button" className={pending.danger ? 'danger' : 'primary'} onClick={() => answer(true)}>{pending.confirm}</button>
        </div>
      </div>
    </div>
  );
}
