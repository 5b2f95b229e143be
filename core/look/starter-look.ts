/**
 * The starter look `continuity init` writes: every field filled with an example the user edits,
 * instructions in `_help` (ignored by the loader) and in LOOK.README.txt.
 */
export const STARTER_HELP = [
  'This is a Continuity Studio look file. Edit every field, add your images, then run: continuity plan LOOK.json',
  'brandKit.palette: 1-16 brand colours as "#rrggbb" with optional names, most important first.',
  'brandKit.toneWords / lighting / camera: words and one sentence each; they become the canon\'s style, lighting and camera.',
  'brandKit.doNotUse: words that must never appear in a prompt (case, plural and punctuation do not matter); they go to the negative prompt.',
  'references: 3-5 images (PNG/JPEG/WebP), paths relative to this file, each with a role: wardrobe, set, lighting, product, character or style.',
  'productShots: optional packshots composited into prop-swap variants.',
  'brief: one or two paragraphs. Name the props, set, wardrobe and the action plainly: the offline canon drafter reads them.',
  'batch: size 1280x720 | 720x1280 | 1920x1080 | 1080x1920; seconds 4 or 8; fps 24/25/30; clips 8-20; anchors 2-4; provider and model.',
  'canonOverrides (optional): canon fields that win over the drafted canon, e.g. {"camera": {"motion": "static"}}.',
];

export const STARTER_README = `Continuity Studio: your look
==============================

1. Put 3-5 reference images in references/ named as in LOOK.json (set.jpg, lighting.jpg,
   wardrobe.jpg, style.jpg), or change the paths in LOOK.json to your own file names.
2. Put a product packshot in products/product.png, or remove "productShots" from LOOK.json.
3. Edit the brand kit (palette, tone words, lighting, camera, do-not-use list) and the brief.
4. Run:  continuity plan LOOK.json
   It prints the visual canon, the variation matrix (anchors, variants, seasonal swaps), every
   prompt and negative prompt, and the cost estimate. Nothing is generated or paid for.
5. When the plan reads right: continuity run LOOK.json --out pack

Errors name the field and the value that is wrong, e.g.
  batch.seconds must be 4 or 8, got 9
`;

/** A starter LOOK.json object (the loader ignores `_help` and `$schema`). */
export function starterLook(name: string): Record<string, unknown> {
  return {
    _help: STARTER_HELP,
    schemaVersion: 1,
    name: name.slice(0, 80),
    brandKit: {
      palette: [{ hex: '#1f3a5f', name: 'navy' }, { hex: '#f2e8d5', name: 'cream' }, { hex: '#d9822b', name: 'amber' }],
      toneWords: ['calm', 'crafted', 'honest'],
      lighting: 'soft window light from camera left, gentle fill, subtle warm rim',
      camera: '50mm prime, slow push-ins, shallow depth of field',
      doNotUse: ['neon', 'lens flare'],
    },
    references: [
      { path: 'references/set.jpg', role: 'set', label: 'the location' },
      { path: 'references/lighting.jpg', role: 'lighting', label: 'the light we want' },
      { path: 'references/wardrobe.jpg', role: 'wardrobe', label: 'fabrics and colours' },
      { path: 'references/style.jpg', role: 'style', label: 'overall style frame' },
    ],
    productShots: [{ path: 'products/product.png', name: 'our product' }],
    brief: 'Describe the world in one or two paragraphs: where we are, who is there, what they wear, which props are on the table, and what happens in the few seconds of each clip (for example: a maker lifts a cup from a wooden table and smiles).',
    batch: { size: '1280x720', seconds: 4, fps: 24, clips: 12, anchors: 3, provider: 'local', model: 'local-animatic', seed: 1 },
  };
}
