/**
 * Issue 12 item 9: a 3-shot session (a frame bridge, a strict style match, a flashback to shot 1)
 * exports through `continuity session export` to a valid clip pack in session order: timelines
 * (FCPXML valid against the 1.10 DTD), prompt packs and a manifest whose files all exist.
 * Rendered at 160x90 (sessions take any even size) with no retries to keep the suite fast.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../../cli/main.ts';
import { addShot } from '../../../core/continuity/session.ts';
import { createLocalShotRenderer } from '../../../core/pipeline/local-shot-renderer.ts';
import { createLookQualityStep } from '../../../core/pipeline/look-quality.ts';
import { importLookFile, loadProjectLook } from '../../../core/pipeline/project-look.ts';
import { runSession } from '../../../core/pipeline/run-session.ts';
import { createProjectSession, saveSession } from '../../../core/pipeline/session-store.ts';
import { openProject } from '../../../core/store/open-project.ts';
import { FCPXML_DTD, REPO_ROOT, XMLLINT, run } from '../export/tools.ts';

// The spec folder sits beside the repo in CI; a worktree is one level deeper.
const DTD = [FCPXML_DTD, resolve(REPO_ROOT, '../../shared/spec/FCPXMLv1_10.dtd')].find((p) => existsSync(p));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t + '\n'; }, err: (t) => { err += t + '\n'; }, isTTY: false });
  return { code, out, err };
}

test('a 3-shot session (bridge, style match, flashback) exports to a valid pack in session order', { timeout: 1_800_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'session-export-'));
  const projDir = join(dir, 'proj');
  try {
    const project = openProject(projDir, { create: true });
    let ids: string[] = [];
    try {
      const { lookId } = await importLookFile(project, 'resources/sample-look/look.json');
      let s = createProjectSession(project, { lookId, name: 'alley' });
      ids = [1, 2, 3].map((n) => `${s.id.slice(0, 8)}-s${n}`);
      s = addShot(s, { id: ids[0]!, label: 'courier enters', framing: 'wide', motion: 'push-in', mode: 'frame-bridge' });
      s = addShot(s, { id: ids[1]!, label: 'cup close', framing: 'close', motion: 'static', mode: 'style-match', styleStrength: 0.8 });
      s = addShot(s, { id: ids[2]!, label: 'flashback', framing: 'medium', motion: 'drift', mode: 'style-match', styleReferenceId: ids[0]! });
      saveSession(project, s);
      const loaded = await loadProjectLook(project, lookId);
      await runSession({ project, sessionId: s.id, loaded, renderer: createLocalShotRenderer(), quality: createLookQualityStep(), size: { width: 160, height: 90 }, maxRetries: 0 });
    } finally { project.close(); }

    const bad = await cli('session', 'export', projDir, '--session', 'alley');
    assert.equal(bad.code, 2, 'no --out: bad input');
    assert.match(bad.err, /--out/);
    assert.equal((await cli('session', 'export', projDir, '--session', 'nope', '--out', join(dir, 'x'))).code, 2, 'unknown session: bad input');

    // The takes are awaiting review: --all delivers them, marked as such.
    const r = await cli('session', 'export', projDir, '--session', 'alley', '--out', join(dir, 'out'), '--all', '--json');
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out) as { root: string; clips: { name: string; review: string }[] };
    assert.equal(result.clips.length, 3);
    const manifest = JSON.parse(readFileSync(join(result.root, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    for (const f of manifest.files) assert.ok(existsSync(join(result.root, f.path)), `${f.path} exists`);
    for (const ext of ['.fcpxml', '.edl', '.otio', '.mlt']) assert.ok(manifest.files.some((f) => f.path.startsWith('Timelines/') && f.path.endsWith(ext)), `timeline ${ext}`);

    // Session order: the prompt packs and the timeline follow shots 1, 2, 3.
    const packs = readdirSync(join(result.root, 'PromptPacks')).map((f) => JSON.parse(readFileSync(join(result.root, 'PromptPacks', f), 'utf8')) as { shot: { id: string; label: string } });
    assert.deepEqual(packs.map((p) => p.shot.label).sort(), ['courier enters', 'cup close', 'flashback']);
    const fcpxmlFile = manifest.files.find((f) => f.path.endsWith('.fcpxml'))!.path;
    const fcpxml = readFileSync(join(result.root, fcpxmlFile), 'utf8');
    const at = result.clips.map((c) => fcpxml.indexOf(c.name));
    assert.ok(at.every((i) => i >= 0), 'every clip is on the FCPXML timeline');
    const spine = fcpxml.slice(fcpxml.indexOf('<spine>'));
    const order = result.clips.map((c) => spine.indexOf(c.name));
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'the spine follows the session order');
    // Clip names carry the shot (s1, s2, s3 = session positions) and the session position.
    assert.deepEqual(result.clips.map((c) => /-(s\d)_/.exec(c.name)?.[1]), ['s1', 's2', 's3'], `clips in session order: ${result.clips.map((c) => c.name).join(', ')}`);
    assert.match(result.root, /alley/, 'the pack is named after the session');
    const edl = readFileSync(join(result.root, manifest.files.find((f) => f.path.endsWith('.edl'))!.path), 'utf8');
    const edlOrder = result.clips.map((c) => edl.indexOf(c.name));
    assert.deepEqual([...edlOrder].sort((a, b) => a - b), edlOrder, 'the EDL follows the session order');

    if (XMLLINT && DTD) {
      const v = await run(XMLLINT, ['--noout', '--dtdvalid', DTD, join(result.root, fcpxmlFile)]);
      assert.equal(v.code, 0, `FCPXML valid against the 1.10 DTD: ${v.stderr}`);
    } else {
      // A clone without the team's ../shared/spec (the DTD is Apple's, not vendored here): said, as
      // the other export tests say it, rather than failing a fresh machine's `npm test`.
      t.diagnostic(`FCPXML DTD validation skipped: needs xmllint and the DTD (xmllint: ${XMLLINT ?? 'missing'}, DTD: ${DTD ?? 'missing'})`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
