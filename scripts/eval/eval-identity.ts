/**
 * Calibration of the identity metric (core/quality/identity) on real photographs of three people
 * (face-photos.ts, licences in FACES.md): every edit of every photo is compared with every
 * person's reference photo by the local face model. Prints same-person and different-person
 * distance ranges (euclidean, and cosine beside it), ROC AUC, and where IDENTITY_MAX_DISTANCE
 * falls. Not a test: the test (test/integration/quality/identity.test.ts) checks a few cases.
 *
 *   npm run eval:identity [-- --json]   (needs: apt-get install python3-skimage python-matplotlib-data)
 */
import { rocAuc } from '../../core/quality/roc-auc.ts';
import { cosineSimilarity } from '../../core/quality/cosine.ts';
import { detectFaces, faceDistance, type Face } from '../../core/quality/identity/face-model.ts';
import { IDENTITY_MAX_DISTANCE } from '../../core/quality/identity/judge-identity.ts';
import { FACE_PHOTOS, SAME_PERSON_EDITS, faceEdit, facePhoto, missingFacePhotos } from './face-photos.ts';

const missing = missingFacePhotos();
if (missing) { process.stderr.write(`${missing}\n`); process.exit(2); }

const references = new Map<string, Face>();
for (const photo of FACE_PHOTOS) {
  const face = (await detectFaces(await facePhoto(photo)))[0];
  if (!face) throw new Error(`no face found in the reference photo ${photo.path}`);
  references.set(photo.id, face);
}

interface Pair { reference: string; take: string; edit: string; same: boolean; distance: number | null; cosine: number | null }
const pairs: Pair[] = [];
for (const photo of FACE_PHOTOS) {
  for (const edit of Object.keys(SAME_PERSON_EDITS)) {
    const faces = await detectFaces(await faceEdit(photo, edit));
    for (const [refId, ref] of references) {
      // As the gate does: the face in the take nearest the reference.
      const best = faces.length ? faces.reduce((a, b) => (faceDistance(ref.descriptor, a.descriptor) <= faceDistance(ref.descriptor, b.descriptor) ? a : b)) : null;
      pairs.push({
        reference: refId, take: photo.id, edit, same: refId === photo.id,
        distance: best ? faceDistance(ref.descriptor, best.descriptor) : null, cosine: best ? cosineSimilarity(ref.descriptor, best.descriptor) : null,
      });
    }
  }
}

const measured = pairs.filter((p) => p.distance !== null);
const range = (xs: number[]) => `${Math.min(...xs).toFixed(3)}–${Math.max(...xs).toFixed(3)}`;
const same = measured.filter((p) => p.same), other = measured.filter((p) => !p.same);
const summary = {
  people: FACE_PHOTOS.length, edits: Object.keys(SAME_PERSON_EDITS).length, pairs: pairs.length,
  noFace: pairs.filter((p) => p.distance === null && p.same).map((p) => `${p.take}/${p.edit}`),
  samePerson: { n: same.length, distance: range(same.map((p) => p.distance!)), cosine: range(same.map((p) => p.cosine!)) },
  differentPeople: { n: other.length, distance: range(other.map((p) => p.distance!)), cosine: range(other.map((p) => p.cosine!)) },
  aucDistance: rocAuc(measured.map((p) => ({ score: -p.distance!, positive: p.same }))),
  aucCosine: rocAuc(measured.map((p) => ({ score: p.cosine!, positive: p.same }))),
  limit: IDENTITY_MAX_DISTANCE,
  samePersonOverLimit: same.filter((p) => p.distance! > IDENTITY_MAX_DISTANCE).map((p) => `${p.take}/${p.edit} ${p.distance!.toFixed(3)}`),
  differentUnderLimit: other.filter((p) => p.distance! <= IDENTITY_MAX_DISTANCE).map((p) => `${p.reference}←${p.take}/${p.edit} ${p.distance!.toFixed(3)}`),
};

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify({ summary, pairs }, null, 2)}\n`);
} else {
  const lines = [`identity eval: ${summary.people} people × ${summary.edits} edits, ${summary.pairs} pairs`];
  for (const p of pairs) lines.push(`  ${p.same ? 'same ' : 'other'} ref ${p.reference.padEnd(9)} take ${`${p.take}/${p.edit}`.padEnd(24)} ${p.distance === null ? 'no face' : `d ${p.distance.toFixed(3)}  cos ${p.cosine!.toFixed(3)}`}`);
  lines.push(`same person:      distance ${summary.samePerson.distance}  cosine ${summary.samePerson.cosine}  (n ${summary.samePerson.n})`);
  lines.push(`different people: distance ${summary.differentPeople.distance}  cosine ${summary.differentPeople.cosine}  (n ${summary.differentPeople.n})`);
  lines.push(`ROC AUC: distance ${summary.aucDistance.toFixed(3)}, cosine ${summary.aucCosine.toFixed(3)}`);
  lines.push(`limit ${summary.limit}: same person over it ${summary.samePersonOverLimit.length ? summary.samePersonOverLimit.join(', ') : 'none'}; different people under it ${summary.differentUnderLimit.length ? summary.differentUnderLimit.join(', ') : 'none'}`);
  lines.push(`no face found in: ${summary.noFace.length ? summary.noFace.join(', ') : 'none'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
