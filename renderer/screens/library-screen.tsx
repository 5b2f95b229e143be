/** Project library: recent projects, new / open project, and the looks of the open project. */
import { useState, type FormEvent } from 'react';
import { useProject } from '../state/project-slice.ts';
import { useUi } from '../state/ui-slice.ts';
import { useAction } from '../components/use-action.ts';
import { Empty } from '../components/status.tsx';
import { call, studio } from '../bridge.ts';

export function LibraryScreen() {
  const p = useProject();
  const go = useUi((s) => s.go);
  const [busy, run] = useAction();
  const [name, setName] = useState('');
  const [openDir, setOpenDir] = useState('');
  const [lookName, setLookName] = useState('');
  const [lookBrief, setLookBrief] = useState('');
  const [lookPath, setLookPath] = useState('');

  const pickDir = async () => { const d = await call(studio().system.pickDirectory({ title: 'Open project folder' })); if (d) setOpenDir(d); };
  const createProject = (e: FormEvent) => { e.preventDefault(); void run('Create project', () => p.create(name.trim())).then((ok) => ok && setName('')); };
  const openProject = (e: FormEvent) => { e.preventDefault(); void run('Open project', () => p.open(openDir.trim())); };
  const createLook = (e: FormEvent) => {
    e.preventDefault();
    void run('Create look', () => p.createLook(lookName.trim(), lookBrief.trim() || undefined)).then((ok) => { if (ok) { setLookName(''); setLookBrief(''); go('references'); } });
  };
  const importLook = (e: FormEvent) => { e.preventDefault(); void run('Import look', () => p.importLook(lookPath.trim())).then((ok) => { if (ok) void go('references'); }); };

  return (
    <section className="screen" data-screen="library" data-ready={p.status === 'ready' ? 'true' : 'false'} aria-labelledby="library-title">
      <header className="screen-head"><h1 id="library-title">Projects</h1><p className="muted">A project is a folder with its looks, references, takes and exports.</p></header>
      <div className="columns">
        <div className="panel">
          <h2>New project</h2>
          <form onSubmit={createProject} className="form-row">
            <input aria-label="Project name" placeholder="Project name, e.g. Spring campaign" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
            <button type="submit" className="primary" disabled={busy || !name.trim()}>Create project</button>
          </form>
          <h2>Open project</h2>
          <form onSubmit={openProject} className="form-row">
            <input aria-label="Project folder" placeholder="/path/to/project" value={openDir} onChange={(e) => setOpenDir(e.target.value)} />
            {studio().platform.kind === 'electron' && <button type="button" onClick={() => void pickDir()}>Browse…</button>}
            <button type="submit" disabled={busy || !openDir.trim()}>Open</button>
          </form>
          <h2>Recent</h2>
          {p.recent.length === 0 ? <Empty title="No recent projects"><p>Create your first project above.</p></Empty> : (
            <ul className="list" aria-label="Recent projects">
              {p.recent.map((r) => (
                <li key={r.dir} className={p.current?.dir === r.dir ? 'selected' : ''}>
                  <button type="button" className="link" onClick={() => void run('Open project', () => p.open(r.dir))}>{r.name}</button>
                  <span className="muted small">{r.dir}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="panel">
          <h2>Looks {p.current ? <span className="muted">in {p.current.name}</span> : null}</h2>
          {!p.current ? <Empty title="No project open"><p>Create or open a project to see its looks.</p></Empty> : (
            <>
              {p.looks.length === 0 ? <Empty title="No looks yet"><p>A look is a brand kit, 3–5 reference images and a short brief.</p></Empty> : (
                <ul className="list" aria-label="Looks">
                  {p.looks.map((l) => (
                    <li key={l.id} className={p.lookId === l.id ? 'selected' : ''}>
                      <button type="button" className="link" onClick={() => { p.selectLook(l.id); go('references'); }}>{l.name}</button>
                      <span className="muted small">{l.referenceCount} references · {l.shotCount} shots</span>
                    </li>
                  ))}
                </ul>
              )}
              <h3>New look</h3>
              <form onSubmit={createLook} className="stack">
                <input aria-label="Look name" placeholder="Look name, e.g. Neon Noir" value={lookName} onChange={(e) => setLookName(e.target.value)} required maxLength={80} />
                <textarea aria-label="Look brief" placeholder="Brief: what happens, where, the mood (optional, editable later)" value={lookBrief} onChange={(e) => setLookBrief(e.target.value)} rows={3} />
                <button type="submit" className="primary" disabled={busy || !lookName.trim()}>Create look</button>
              </form>
              <h3>Import LOOK.json</h3>
              <form onSubmit={importLook} className="form-row">
                <input aria-label="LOOK.json path" placeholder="/path/to/LOOK.json" value={lookPath} onChange={(e) => setLookPath(e.target.value)} />
                <button type="submit" disabled={busy || !lookPath.trim()}>Import</button>
              </form>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
