/**
 * The registry's data: one entry per model, facts from /work/shared/PROVIDERS.md (gathered
 * 2026-11) and the providers' docs. Correct an entry here when a provider changes; registry.ts
 * validates every entry at load (a test loads them all). Prices are list prices in USD and are
 * estimates shown before spending; the cost ledger records what was actually charged.
 */
import type { ModelCapabilityInput } from './registry.ts';

const MB = 1024 * 1024;
const SIXTEEN_NINE = ['16:9', '9:16'];
const HD_SIZES = ['1280x720', '720x1280', '1920x1080', '1080x1920'];
/** Runway's ratios (the SDK's `ratio` values), as sizes. */
const RUNWAY_SIZES = ['1280x720', '720x1280', '1104x832', '832x1104', '960x960', '1584x672'];

const noInputs = {
  startImage: false, endImage: false, referenceImages: null, seed: 'none', extend: false, edit: false,
  negativePrompt: false, identity: false, style: false,
} as const;

const commercial = { commercialUse: true, licenceNote: 'Outputs usable commercially under the provider\'s terms of service.' } as const;

/** fal's Veo 3.1 endpoints share sizes, limits and price; they differ in inputs. */
const falVeo = {
  provider: 'fal', kind: 'video', durations: [4, 6, 8], durationRange: null, sizes: HD_SIZES, anySize: false,
  aspectRatios: SIXTEEN_NINE, fps: [24],
  inputLimits: { maxBytes: 8 * MB, maxPixels: 3840 * 2160, aspectRange: [0.5, 2] },
  price: { perSecondUsd: 0.4, note: 'audio on (the default); fal lists 0.20 USD/s with audio off' }, maxPromptChars: 4000, retired: null, ...commercial,
} satisfies Partial<ModelCapabilityInput>;

export const MODELS: readonly ModelCapabilityInput[] = [
  {
    provider: 'local', id: 'local-animatic', label: 'Local animatic (previz)', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, referenceImages: { max: 8, kinds: ['layer'] }, seed: 'accepted', negativePrompt: true },
    durations: [4, 8], durationRange: { min: 1, max: 60 }, sizes: HD_SIZES, anySize: true, aspectRatios: ['16:9', '9:16', '1:1', '4:5'],
    fps: [24, 25, 30], inputLimits: { maxBytes: 200 * MB, maxPixels: 100_000_000, aspectRange: [0.2, 5] },
    price: { perSecondUsd: 0, note: 'local previz renderer: runs on this machine, no charge' }, maxPromptChars: 2000, ...commercial,
    licenceNote: 'Rendered locally from your own references; previz, not AI generation.',
    retired: null,
    notes: 'Camera motion + colour transforms + composited layers with ffmpeg. Prompts are recorded, not rendered. Deterministic for a seed.',
  },
  {
    provider: 'local', id: 'local-keyframe', label: 'Local keyframe (reframe + colour transfer)', kind: 'image',
    inputs: { ...noInputs, startImage: true, referenceImages: { max: 1, kinds: ['style'] }, seed: 'accepted', style: true },
    durations: [], durationRange: null, sizes: HD_SIZES, anySize: true, aspectRatios: ['16:9', '9:16', '1:1', '4:5'], fps: [],
    inputLimits: { maxBytes: 200 * MB, maxPixels: 100_000_000, aspectRange: [0.2, 5] },
    price: { perImageUsd: 0 }, maxPromptChars: 2000, ...commercial,
    licenceNote: 'Derived locally from your own references.', retired: null,
  },
  {
    ...falVeo, id: 'fal-ai/veo3.1/image-to-video', label: 'Veo 3.1 image-to-video (fal)',
    inputs: { ...noInputs, startImage: true, negativePrompt: true },
    seedNote: 'fal\'s veo3.1/image-to-video input has no seed field (only first-last-frame does)',
  },
  {
    ...falVeo, id: 'fal-ai/veo3.1/first-last-frame-to-video', label: 'Veo 3.1 first-last frame (fal)',
    inputs: { ...noInputs, startImage: true, endImage: true, seed: 'accepted', negativePrompt: true },
  },
  {
    ...falVeo, id: 'fal-ai/veo3.1/reference-to-video', label: 'Veo 3.1 reference-to-video (fal)',
    inputs: { ...noInputs, referenceImages: { max: 3, kinds: ['subject'] }, negativePrompt: true },
    durations: [8], notes: 'Subject references (image_urls[]), not a first frame; 8 s only. 0.20 USD/s with audio off, 0.40 with audio (the default).',
    seedNote: 'fal\'s veo3.1/reference-to-video takes no seed (PROVIDERS.md 2026-11-29)',
  },
  {
    ...falVeo, id: 'fal-ai/veo3.1', label: 'Veo 3.1 text-to-video (fal)',
    inputs: { ...noInputs, seed: 'accepted', negativePrompt: true },
    notes: 'Text only: no image input, so never eligible for look batches or sessions.',
  },
  {
    provider: 'fal', id: 'fal-ai/kling-video/v2.1/pro/image-to-video', label: 'Kling 2.1 Pro image-to-video (fal)', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, negativePrompt: true },
    durations: [5, 10], durationRange: null, sizes: ['1920x1080', '1080x1920', '1080x1080'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.098, billingUnitSeconds: 5, note: 'Kling renders 5 s or 10 s clips: a 4 s clip is billed as 5 s, an 8 s clip as 10 s' }, maxPromptChars: 2500, ...commercial, retired: null,
    notes: 'Start image + tail_image_url; no seed. Output aspect follows the start image; fps as observed, verify.',
    seedNote: 'Kling takes no seed (on fal and on Replicate)', editWith: 'fal-ai/kling-video/o1/video-to-video/edit',
  },
  {
    provider: 'fal', id: 'fal-ai/kling-video/o1/reference-to-video', label: 'Kling O1 reference-to-video with elements (fal)', kind: 'video',
    inputs: { ...noInputs, referenceImages: { max: 7, kinds: ['subject', 'style'], elements: true, note: '≤7 images in total (≤4 with a reference video); an element is a frontal image + 1–3 angle refs, named @Element1 / @Image1 in the prompt' }, negativePrompt: true },
    durations: [5, 10], durationRange: null, sizes: ['1920x1080', '1080x1920', '1080x1080'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.112, billingUnitSeconds: 5 }, maxPromptChars: 2500, ...commercial, retired: null,
    notes: 'PROVIDERS.md 2026-11-29. image_urls are named @Image1… and character references go as one element (@Element1: frontal + angle refs). 0.112 USD/s (fal list price as quoted by third parties; verify on fal before a large batch).',
    seedNote: 'Kling O1 takes no seed', editWith: 'fal-ai/kling-video/o1/video-to-video/edit',
  },
  {
    provider: 'fal', id: 'fal-ai/kling-video/o1/video-to-video/edit', label: 'Kling O1 video edit (fal)', kind: 'video',
    inputs: { ...noInputs, edit: true, sourceVideo: true, referenceImages: { max: 4, kinds: ['subject', 'style'], elements: true, note: '≤4 images with a source video' } },
    durations: [], durationRange: { min: 3, max: 10 }, sizes: ['1920x1080', '1080x1920', '1080x1080'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.168, note: 'billed on the source video\'s length' }, maxPromptChars: 2500, ...commercial, retired: null,
    notes: 'Natural-language edit of an existing video (video_url + prompt, optional image_urls); output as long as the source. Used for variants of Kling takes. 0.168 USD/s as quoted by third parties: verify.',
    seedNote: 'Kling O1 video edit takes no seed',
  },
  {
    provider: 'fal', id: 'fal-ai/kling-video/o3/pro/reference-to-video', label: 'Kling O3 reference-to-video with elements (fal)', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, referenceImages: { max: 7, kinds: ['subject', 'style'], elements: true, note: 'as Kling O1, plus start_image_url / end_image_url and multi_prompt (≤6 shots)' }, negativePrompt: true },
    durations: [5, 10], durationRange: null, sizes: ['1920x1080', '1080x1920', '1080x1080'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.14, billingUnitSeconds: 5 }, maxPromptChars: 2500, ...commercial, retired: null,
    notes: 'PROVIDERS.md 2026-11-29: start_image_url / end_image_url, image_urls (@Image1…), elements (@Element1). Price not published there: estimated at 0.14 USD/s, verify on fal before a large batch.',
    seedNote: 'Kling O3 takes no seed', editWith: 'fal-ai/kling-video/o1/video-to-video/edit',
  },
  {
    provider: 'fal', id: 'fal-ai/wan/v2.7/reference-to-video', label: 'Wan 2.7 reference-to-video (fal)', kind: 'video',
    inputs: { ...noInputs, referenceImages: { max: 5, kinds: ['subject', 'style'], note: 'about 5 asset images (reference_image_urls)' }, seed: 'accepted', negativePrompt: true },
    durations: [], durationRange: { min: 2, max: 10 }, sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'], anySize: false,
    aspectRatios: SIXTEEN_NINE, fps: [16, 24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.1, note: '720p; 0.15 USD/s at 1080p' }, maxPromptChars: 2000, ...commercial, retired: null,
    notes: 'PROVIDERS.md 2026-11-29: ≈5 reference assets, with seed. 0.10 USD/s at 720p, 0.15 at 1080p (third-party price tables; verify on fal).',
  },
  {
    provider: 'fal', id: 'bytedance/seedance-2.0/reference-to-video', label: 'Seedance 2.0 reference-to-video (fal)', kind: 'video',
    inputs: { ...noInputs, referenceImages: { max: 9, kinds: ['subject', 'style'] } },
    durations: [5, 10], durationRange: null, sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'], anySize: false,
    aspectRatios: SIXTEEN_NINE, fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.12 }, maxPromptChars: 2000, ...commercial, retired: null,
    notes: 'PROVIDERS.md 2026-11-29: ≤9 reference images (image_urls, named @Image1… in the prompt), no seed. fal endpoint id bytedance/seedance-2.0/reference-to-video; price (0.12 USD/s) unverified.',
    seedNote: 'Seedance 2.0 takes no seed',
  },
  {
    provider: 'fal', id: 'fal-ai/wan-vace-14b', label: 'Wan VACE 14B video edit (fal)', kind: 'video',
    inputs: { ...noInputs, edit: true, sourceVideo: true, referenceImages: { max: 3, kinds: ['subject', 'style'], note: 'ref_image_urls' }, seed: 'accepted', negativePrompt: true },
    durations: [], durationRange: { min: 1, max: 15 }, sizes: ['1280x720', '720x1280', '832x480', '480x832'], anySize: false,
    aspectRatios: SIXTEEN_NINE, fps: [16],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.08, note: '720p, billed per 16 fps video second (0.04 at 480p)' }, maxPromptChars: 2000, ...commercial, retired: null,
    notes: 'PROVIDERS.md 2026-11-29: video_url, ref_image_urls, first_frame_url, mask_video_url, seed. Registered for plans and prices; not mapped yet (its task/mask fields were not verified): variants of fal takes use the Kling O1 edit.',
  },
  {
    provider: 'fal', id: 'fal-ai/flux-pulid', label: 'FLUX PuLID identity keyframe (fal)', kind: 'image',
    inputs: { ...noInputs, referenceImages: { max: 1, kinds: ['face'] }, seed: 'returned', negativePrompt: true, identity: true },
    durations: [], durationRange: null, sizes: ['1024x576', '576x1024', '1024x1024'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.33, 3] },
    price: { perImageUsd: 0.033, note: 'identity keyframe, one image per clip' }, maxPromptChars: 2000, commercialUse: false,
    licenceNote: 'Non-commercial: PuLID uses InsightFace weights (non-commercial) and FLUX.1-dev (FLUX.1 [dev] Non-Commercial License).',
    retired: null, notes: 'The seed actually used is returned and recorded on the take.',
  },
  {
    provider: 'replicate', id: 'lucataco/ip-adapter-sdxl', label: 'IP-Adapter SDXL style keyframe (Replicate)', kind: 'image',
    inputs: { ...noInputs, referenceImages: { max: 1, kinds: ['style'] }, seed: 'accepted', negativePrompt: true, style: true },
    durations: [], durationRange: null, sizes: ['1344x768', '768x1344', '1024x1024'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 2048 * 2048, aspectRange: [0.33, 3] },
    price: { perImageUsd: 0.01 }, maxPromptChars: 400, commercialUse: true,
    licenceNote: 'SDXL (CreativeML Open RAIL++-M) and IP-Adapter (Apache-2.0) allow commercial use; FaceID variants (InsightFace) would not.',
    retired: null,
    notes: 'Field names differ across versions (image/scale vs ip_adapter_image/ip_adapter_scale): read the live schema first. CLIP truncates prompts at 77 tokens.',
  },
  {
    provider: 'replicate', id: 'wan-video/wan-2.2-i2v-fast', label: 'Wan 2.2 image-to-video fast (Replicate)', kind: 'video',
    inputs: { ...noInputs, startImage: true, seed: 'accepted', negativePrompt: true },
    durations: [5], durationRange: null, sizes: ['1280x720', '720x1280', '832x480', '480x832'], anySize: false,
    aspectRatios: SIXTEEN_NINE, fps: [16],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.022, billingUnitSeconds: 5 }, maxPromptChars: 2000, ...commercial,
    licenceNote: 'Wan 2.2 weights are Apache-2.0; outputs usable commercially under Replicate\'s terms.',
    retired: null,
    notes: 'Chosen Replicate image-to-video model with a seed (81 frames at 16 fps ≈ 5 s; retimed locally). Price approx. 0.11 USD per 720p clip; the seed used may also appear in logs ("Using seed: N").',
  },
  {
    provider: 'openai', id: 'sora-2', label: 'Sora 2 (OpenAI /v1/videos protocol)', kind: 'video',
    inputs: { ...noInputs, startImage: true, edit: true },
    durations: [4, 8, 12], durationRange: null, sizes: ['1280x720', '720x1280'], anySize: false,
    aspectRatios: SIXTEEN_NINE, fps: [30],
    inputLimits: { maxBytes: 20 * MB, maxPixels: 1792 * 1024, aspectRange: [0.5625, 1.7778] },
    price: { perSecondUsd: 0.1, note: 'OpenAI retired the Sora 2 Videos API on 2026-09-24; kept for compatible endpoints' }, maxPromptChars: 4000, ...commercial,
    retired: { date: '2026-09-24', reason: 'OpenAI shut down Sora 2 and the Videos API on 2026-09-24; there is no replacement.' },
    notes: 'input_reference must match size exactly (letterboxed before upload); no seed, no end frame; remix = edit.',
    seedNote: 'the /v1/videos protocol has no seed field',
  },
  {
    provider: 'runway', id: 'gen4.5', label: 'Runway Gen-4.5 image-to-video', kind: 'video',
    inputs: { ...noInputs, startImage: true, seed: 'accepted' },
    durations: [], durationRange: { min: 2, max: 10 }, sizes: RUNWAY_SIZES,
    anySize: false, aspectRatios: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'], fps: [24],
    inputLimits: { maxBytes: 5 * MB, maxPixels: 8000 * 8000, aspectRange: [0.5, 2] },
    price: { perSecondUsd: 0.12 }, maxPromptChars: 1000, ...commercial, retired: null, imageInput: 'data-uri',
    notes: 'promptImage is the first frame only, sent as a data URI (≤ 5 MB). 12 credits/s at 0.01 USD/credit.', editWith: 'aleph2',
  },
  {
    provider: 'runway', id: 'gen4_turbo', label: 'Runway Gen-4 Turbo image-to-video', kind: 'video',
    inputs: { ...noInputs, startImage: true, seed: 'accepted' },
    durations: [5, 10], durationRange: null, sizes: RUNWAY_SIZES,
    anySize: false, aspectRatios: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'], fps: [24],
    inputLimits: { maxBytes: 5 * MB, maxPixels: 8000 * 8000, aspectRange: [0.5, 2] },
    price: { perSecondUsd: 0.05 }, maxPromptChars: 1000, ...commercial, retired: null, imageInput: 'data-uri',
    notes: 'promptImage is the first frame only, sent as a data URI (≤ 5 MB). 5 credits/s at 0.01 USD/credit.', editWith: 'aleph2',
  },
  {
    provider: 'runway', id: 'aleph2', label: 'Runway Aleph 2 video-to-video (edit)', kind: 'video',
    inputs: { ...noInputs, edit: true, sourceVideo: true, referenceImages: { max: 5, kinds: ['style'], note: 'keyframes: guidance images at a time in the source video' }, seed: 'accepted' },
    durations: [], durationRange: { min: 1, max: 10 }, sizes: RUNWAY_SIZES,
    anySize: false, aspectRatios: ['16:9', '9:16', '4:3', '3:4', '1:1', '21:9'], fps: [24],
    inputLimits: { maxBytes: 5 * MB, maxPixels: 8000 * 8000, aspectRange: [0.5, 2] },
    price: { perSecondUsd: 0.15, note: 'billed on the source video\'s length' }, maxPromptChars: 1000, ...commercial, retired: null, imageInput: 'data-uri',
    notes: 'POST /v1/video_to_video: videoUri (data URI ≤ 5 MB here), promptText, keyframes ≤ 5 (uri + at), seed. Output as long as the source. 15 credits/s at 0.01 USD/credit (secondary source).',
  },
  {
    provider: 'runway', id: 'gen4_image', label: 'Runway Gen-4 Image keyframe (tagged references)', kind: 'image',
    inputs: { ...noInputs, referenceImages: { max: 3, kinds: ['face', 'style', 'subject'], note: 'tagged referenceImages named @tag in the prompt' }, seed: 'accepted', identity: true, style: true },
    durations: [], durationRange: null, sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920', '1024x1024'], anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1'], fps: [],
    inputLimits: { maxBytes: 5 * MB, maxPixels: 8000 * 8000, aspectRange: [0.5, 2] },
    price: { perImageUsd: 0.08, note: '1080p: 8 credits; 720p: 5 credits (0.05 USD)' }, maxPromptChars: 1000, ...commercial, retired: null, imageInput: 'data-uri',
    notes: 'POST /v1/text_to_image: up to 3 referenceImages {uri, tag}, named @tag in promptText; seed. A native identity/style keyframe when the look picks it (batch.keyframeModel).',
  },
  {
    provider: 'luma', id: 'ray-2', label: 'Luma Ray 2', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, extend: true, edit: true },
    durations: [5, 9], durationRange: null, sizes: HD_SIZES, anySize: false,
    aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9', '9:21'], fps: [24],
    inputLimits: { maxBytes: 10 * MB, maxPixels: 4096 * 4096, aspectRange: [0.4, 2.5] },
    price: { perSecondUsd: 0.14 }, maxPromptChars: 2000, ...commercial, retired: null, imageInput: 'public-url',
    notes: 'keyframes frame0/frame1 as image URLs Luma fetches (the lumaai SDK has no upload); no seed. Price approx. at 720p (Luma bills per pixel). Edit = POST /generations/video/modify (media URL, mode adhere_1, first_frame).',
    seedNote: 'Luma\'s Dream Machine API has no seed field',
  },
  {
    provider: 'google', id: 'veo-3.1-generate-preview', label: 'Veo 3.1 (Gemini API)', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, referenceImages: { max: 3, kinds: ['subject'] }, extend: true, negativePrompt: true },
    durations: [4, 6, 8], durationRange: null, sizes: HD_SIZES, anySize: false, aspectRatios: SIXTEEN_NINE, fps: [24],
    inputLimits: { maxBytes: 20 * MB, maxPixels: 3840 * 2160, aspectRange: [0.5, 2] },
    price: { perSecondUsd: 0.4 }, maxPromptChars: 4000, ...commercial, retired: null, imageInput: 'inline',
    notes: 'referenceImages (≤3 ASSET) not combinable with image/lastFrame. Preview ids may be retired (2026-10-22, unverified): kept here, in data. 0.40 USD/s at 720p/1080p, 0.60 at 4K.',
    seedNote: 'the Gemini API rejects seed ("only supported in … Agent Platform mode")',
  },
  {
    provider: 'google', id: 'veo-3.1-fast-generate-preview', label: 'Veo 3.1 Fast (Gemini API)', kind: 'video',
    inputs: { ...noInputs, startImage: true, endImage: true, extend: true, negativePrompt: true },
    durations: [4, 6, 8], durationRange: null, sizes: HD_SIZES, anySize: false, aspectRatios: SIXTEEN_NINE, fps: [24],
    inputLimits: { maxBytes: 20 * MB, maxPixels: 3840 * 2160, aspectRange: [0.5, 2] },
    price: { perSecondUsd: 0.12 }, maxPromptChars: 4000, ...commercial, retired: null, imageInput: 'inline',
    notes: 'Fast tier: 0.10–0.12 USD/s (secondary source); no reference images.',
    seedNote: 'the Gemini API rejects seed ("only supported in … Agent Platform mode")',
  },
];
