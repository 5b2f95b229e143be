/** core/color: the colour toolkit (conversions, ΔE2000, palettes, histograms, transfer, LUTs). */
export { srgbToLinear, linearToSrgb } from './srgb.ts';
export { srgbToXyz, xyzToSrgb, xyzToLab, labToXyz, srgbToLab, labToSrgb, D65_WHITE, type Rgb, type Xyz, type Lab } from './lab.ts';
export { hexToRgb, rgbToHex, hexToLab } from './hex.ts';
export { imageToLab, rgbBytesToLab } from './image-lab.ts';
export { deltaE2000, deltaE76 } from './delta-e.ts';
export { extractPalette, type WeightedColor, type PaletteOptions } from './palette.ts';
export { paletteDistance } from './palette-distance.ts';
export { labHistogram, histogramDistance, type HistogramOptions } from './histogram.ts';
export {
  ColorTransformSchema, identityTransform, applyTransformToPixel, applyTransformToImage, type ColorTransform,
} from './color-transform.ts';
export { estimateTransfer, type TransferMethod, type TransferOptions } from './estimate-transfer.ts';
export { identityLut, bakeLut, applyLutToImage, type Lut3D, type BakeOptions } from './lut3d.ts';
export { formatCube, parseCube } from './cube-format.ts';
export { paletteOfFile, loadColorSource, type FilePalette, type FilePaletteOptions } from './palette-of-file.ts';
