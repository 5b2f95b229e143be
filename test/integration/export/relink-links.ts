/**
 * Every absolute media link a pack's timelines hold (.otio target_url, .fcpxml media-rep src,
 * .edl "* FROM CLIP:"), as file-system paths: what `continuity relink` must point into the pack.
 * Shared by the relink test and the demo-pack test.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const unXml = (v: string) => v.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export async function mediaLinks(packRoot: string): Promise<Array<{ timeline: string; path: string }>> {
  const out: Array<{ timeline: string; path: string }> = [];
  for (const f of await readdir(join(packRoot, 'Timelines'))) {
    const text = await readFile(join(packRoot, 'Timelines', f), 'utf8');
    if (f.endsWith('.otio')) {
      for (const m of text.matchAll(/"target_url": "([^"]+)"/g)) out.push({ timeline: f, path: fileURLToPath(m[1]!) });
    } else if (f.endsWith('.fcpxml')) {
      for (const m of text.matchAll(/<media-rep [^>]*src="([^"]+)"/g)) out.push({ timeline: f, path: fileURLToPath(unXml(m[1]!)) });
    } else if (f.endsWith('.edl')) {
      for (const m of text.matchAll(/^\* FROM CLIP: (.+)$/gm)) out.push({ timeline: f, path: m[1]! });
    }
  }
  return out;
}
