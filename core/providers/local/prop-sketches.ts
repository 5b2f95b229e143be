/**
 * Simple drawn props for the local remix, for prop deltas that name an object the look has no
 * photograph of ("a small pumpkin", "a wrapped gift with twine"). Previz drawings, recognisably the
 * object named, lit from the upper left like the sample look's key. A prop matching no drawing is
 * reported as not rendered (never replaced by an unrelated image).
 *
 * Each drawing is an SVG in a 200×200 box whose base (where it touches the surface) is y = 196.
 */

interface Sketch { words: RegExp; name: string; svg: string }

const shade = '<linearGradient id="lit" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0.28"/><stop offset="0.55" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.3"/></linearGradient>';

const SKETCHES: Sketch[] = [
  {
    words: /pumpkin/i, name: 'pumpkin',
    svg: '<ellipse cx="100" cy="146" rx="78" ry="52" fill="#d9742b"/><ellipse cx="100" cy="146" rx="46" ry="52" fill="#e4843a"/><ellipse cx="100" cy="146" rx="16" ry="52" fill="#ee9446"/><path d="M96 96 q2 -22 16 -28 l4 8 q-10 6 -10 22z" fill="#5b6b34"/><ellipse cx="100" cy="146" rx="78" ry="52" fill="url(#lit)"/>',
  },
  {
    words: /gift|present/i, name: 'wrapped gift',
    svg: '<rect x="32" y="86" width="136" height="110" fill="#a8452f"/><rect x="92" y="86" width="16" height="110" fill="#d8c39a"/><rect x="32" y="132" width="136" height="12" fill="#d8c39a"/><path d="M100 86 q-34 -34 -40 -6 q10 10 40 6 q30 4 40 -6 q-6 -28 -40 6z" fill="none" stroke="#d8c39a" stroke-width="7"/><rect x="32" y="86" width="136" height="110" fill="url(#lit)"/>',
  },
  {
    words: /tulip|flower|blossom|vase/i, name: 'flowers in a jar',
    svg: '<path d="M70 120 h60 l-6 76 h-48z" fill="#cfd9d4" fill-opacity="0.75"/><g stroke="#5f7a3e" stroke-width="5" fill="none"><path d="M100 124 q-4 -50 -26 -78"/><path d="M100 124 q2 -54 8 -90"/><path d="M100 124 q8 -44 34 -70"/></g><g><ellipse cx="72" cy="42" rx="14" ry="18" fill="#d9566e"/><ellipse cx="108" cy="30" rx="14" ry="18" fill="#e8798c"/><ellipse cx="136" cy="50" rx="14" ry="18" fill="#c9465e"/></g><path d="M70 120 h60 l-6 76 h-48z" fill="url(#lit)"/>',
  },
  {
    words: /strawberr|cherr|apple|fruit|basket/i, name: 'bowl of fruit',
    svg: '<g fill="#b8322e"><circle cx="62" cy="128" r="22"/><circle cx="100" cy="118" r="24"/><circle cx="138" cy="128" r="22"/><circle cx="82" cy="106" r="20"/><circle cx="120" cy="104" r="20"/></g><path d="M24 140 h152 q-10 56 -76 56 q-66 0 -76 -56z" fill="#c9a77a"/><path d="M24 140 h152 q-10 56 -76 56 q-66 0 -76 -56z" fill="url(#lit)"/>',
  },
  {
    words: /mug|cocoa|cup|coffee/i, name: 'mug',
    svg: '<path d="M144 112 q34 0 34 28 q0 28 -34 28" fill="none" stroke="#8c6a4f" stroke-width="12"/><rect x="44" y="92" width="104" height="104" rx="10" fill="#9b7657"/><ellipse cx="96" cy="94" rx="52" ry="10" fill="#4a2e1f"/><rect x="44" y="92" width="104" height="104" rx="10" fill="url(#lit)"/>',
  },
  {
    words: /lemonade|glass|carafe|water|bottle/i, name: 'glass',
    svg: '<path d="M64 60 h72 l-8 136 h-56z" fill="#f1e7b8" fill-opacity="0.55" stroke="#f5f0e0" stroke-opacity="0.8" stroke-width="4"/><path d="M68 100 h64 l-5 92 h-54z" fill="#f0d66a" fill-opacity="0.6"/><path d="M64 60 h72 l-8 136 h-56z" fill="url(#lit)"/>',
  },
  {
    words: /book/i, name: 'stack of books',
    svg: '<rect x="30" y="160" width="140" height="36" fill="#6f3b2a"/><rect x="40" y="126" width="124" height="34" fill="#8a9a7b"/><rect x="34" y="96" width="132" height="30" fill="#c65d3b"/><rect x="30" y="96" width="140" height="100" fill="url(#lit)"/>',
  },
  {
    words: /napkin|blanket|linen|cloth|towel/i, name: 'folded cloth',
    svg: '<path d="M20 150 h160 l-8 46 h-144z" fill="#d8cbb0"/><path d="M28 120 h144 l8 30 h-160z" fill="#e6dcc6"/><path d="M28 132 h144" stroke="#b9a988" stroke-width="3"/><path d="M20 120 h160 v76 h-160z" fill="url(#lit)"/>',
  },
  {
    words: /tray|plate|gingerbread|cookie|biscuit/i, name: 'plate',
    svg: '<ellipse cx="100" cy="176" rx="90" ry="20" fill="#b8893d"/><ellipse cx="100" cy="170" rx="74" ry="14" fill="#d2a75a"/><g fill="#9a5b2c"><ellipse cx="76" cy="164" rx="18" ry="8"/><ellipse cx="118" cy="162" rx="18" ry="8"/><ellipse cx="98" cy="156" rx="18" ry="8"/></g><ellipse cx="100" cy="176" rx="90" ry="20" fill="url(#lit)"/>',
  },
];

/** The drawing for a prop's text, as a standalone SVG document, or null when none matches. */
export function propSketch(prop: string): { name: string; svg: string } | null {
  const hit = SKETCHES.find((s) => s.words.test(prop));
  if (!hit) return null;
  return { name: hit.name, svg: `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200"><defs>${shade}</defs>${hit.svg}</svg>` };
}
