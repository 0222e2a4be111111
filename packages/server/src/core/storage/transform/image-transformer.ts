import sharp from 'sharp'
import type { Metadata } from 'sharp'
import { fail } from '../../../tools/errors.js'
import { createConcurrencyLimit } from './concurrency-limit.js'
import type { TransformFormat, TransformSpec } from './transform-spec.js'

/** The most pixels a source image may have (decompression bombs stop here). */
export const MAX_INPUT_PIXELS = 40_000_000

/** Transforms run at once; libvips already uses every core for one image. */
export const MAX_CONCURRENT_TRANSFORMS = 2

/** Source formats transforms read: raster images only (no SVG, PDF or raw pixel formats). */
const SOURCE_FORMATS: ReadonlySet<string> = new Set([
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'heif',
  'tiff',
])

/** Resizes and converts images, a bounded number at a time. */
export interface ImageTransformer {
  /** The transformed image; invalid_image_transform when the input is not a readable image. */
  transform(input: Buffer, spec: TransformSpec, format: TransformFormat): Promise<Buffer>
}

/** Limits of a transformer (the defaults suit production). */
export interface ImageTransformerOptions {
  readonly maxConcurrent?: number
  readonly maxInputPixels?: number
}

/** A sharp-based transformer: fit inside the box, never enlarged, EXIF orientation applied. */
export function createImageTransformer(options: ImageTransformerOptions = {}): ImageTransformer {
  const limit = createConcurrencyLimit(options.maxConcurrent ?? MAX_CONCURRENT_TRANSFORMS)
  const limitInputPixels = options.maxInputPixels ?? MAX_INPUT_PIXELS
  return {
    transform: (input, spec, format) =>
      limit.run(async () => {
        await checkSource(input, limitInputPixels)
        try {
          return await sharp(input, { limitInputPixels })
            .rotate()
            .resize({
              width: spec.width,
              height: spec.height,
              fit: 'inside',
              withoutEnlargement: true,
            })
            .toFormat(format)
            .toBuffer()
        } catch (error) {
          throw notReadable(error)
        }
      }),
  }
}

async function checkSource(input: Buffer, limitInputPixels: number): Promise<void> {
  let metadata: Metadata
  try {
    metadata = await sharp(input, { limitInputPixels }).metadata()
  } catch (error) {
    throw notReadable(error)
  }
  if (!SOURCE_FORMATS.has(metadata.format)) {
    throw fail('invalid_image_transform', 'The file is not an image format transforms read.', {
      format: metadata.format,
    })
  }
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > limitInputPixels) {
    throw fail('invalid_image_transform', 'The image has too many pixels to transform.', {
      maxInputPixels: limitInputPixels,
    })
  }
}

function notReadable(error: unknown) {
  const reason = error instanceof Error ? error.message : String(error)
  return fail('invalid_image_transform', 'The file cannot be read as an image.', { reason })
}
