// A valid look (already parsed) for unit tests; no files on disk.
import { LookFileSchema, type LookFile } from '../../../core/domain/look.ts';

export function makeLook(overrides: Partial<Record<string, unknown>> = {}): LookFile {
  return LookFileSchema.parse({
    name: 'Test Look',
    brandKit: {
      palette: [{ hex: '#c65d3b', name: 'terracotta' }, { hex: '#e8dcc4', name: 'oat' }, { hex: '#3b2a22' }, { hex: '#8a9a7b', name: 'sage' }],
      toneWords: ['warm', 'tactile'],
      lighting: 'low window light from camera left, soft fill, warm rim',
      camera: '35mm prime, slow push-ins',
      doNotUse: ['neon', 'lens flare'],
    },
    references: [{ path: 'a.png', role: 'set' }, { path: 'b.png', role: 'lighting' }, { path: 'c.png', role: 'style' }],
    productShots: [{ path: 'p.png', name: 'roast bag' }],
    brief: 'A barista in a linen apron pours coffee into a stoneware mug on an oak counter by the window, sets it beside a brass grinder and smiles.',
    batch: { clips: 12, anchors: 3 },
    ...overrides,
  });
}
