/** Editable list of short words (tone words, do-not-use terms, props…). */
import { useState, type KeyboardEvent } from 'react';

export function TagList({ label, values, onChange, placeholder }: { label: string; values: string[]; onChange(v: string[]): void; placeholder?: string }) {
  const [draft, setDraft] = useState('');
  const add = () => {
    const words = draft.split(',').map((w) => w.trim()).filter(Boolean).filter((w) => !values.includes(w));
    if (words.length) onChange([...values, ...words]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); add(); } };
  return (
    <div className="tag-list" role="group" aria-label={label}>
      {values.map((v) => (
        <span key={v} className="tag">{v}<button type="button" aria-label={`Remove ${v} from ${label}`} onClick={() => onChange(values.filter((x) => x !== v))}>×</button></span>
      ))}
      <input aria-label={`Add to ${label}`} placeholder={placeholder ?? 'add, then Enter'} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKey} onBlur={add} />
    </div>
  );
}
