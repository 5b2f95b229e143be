/**
 * Editable list of short words (tone words, do-not-use terms, props…). With `accept`, each typed
 * word is checked and written the stored way (palette anchors: "c65d3b" → "#c65d3b"); a word it
 * refuses stays in the box with `refusal` beside it instead of reaching the engine's schema.
 */
import { useState, type KeyboardEvent } from 'react';

export interface TagListProps {
  label: string;
  values: string[];
  onChange(v: string[]): void;
  placeholder?: string;
  accept?: (word: string) => string | undefined;
  refusal?: (word: string) => string;
}

export function TagList({ label, values, onChange, placeholder, accept, refusal }: TagListProps) {
  const [draft, setDraft] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const add = () => {
    const typed = draft.split(',').map((w) => w.trim()).filter(Boolean);
    const bad = accept ? typed.filter((w) => !accept(w)) : [];
    const words = typed.filter((w) => !bad.includes(w)).map((w) => accept?.(w) ?? w).filter((w, i, all) => !values.includes(w) && all.indexOf(w) === i);
    if (words.length) onChange([...values, ...words]);
    setDraft(bad.join(', '));
    setRefused(bad.length ? (refusal?.(bad[0]!) ?? `${label}: "${bad[0]}" is not accepted`) : null);
  };
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); add(); } };
  return (
    <div className="tag-list" role="group" aria-label={label}>
      {values.map((v) => (
        <span key={v} className="tag">{v}<button type="button" aria-label={`Remove ${v} from ${label}`} onClick={() => onChange(values.filter((x) => x !== v))}>×</button></span>
      ))}
      <input aria-label={`Add to ${label}`} aria-invalid={refused ? true : undefined} placeholder={placeholder ?? 'add, then Enter'} value={draft} onChange={(e) => { setDraft(e.target.value); setRefused(null); }} onKeyDown={onKey} onBlur={add} />
      {refused && <span className="field-error" role="alert">{refused}</span>}
    </div>
  );
}
