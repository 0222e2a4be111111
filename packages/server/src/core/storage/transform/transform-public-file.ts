import type { Readable } from 'node:stream'
import type { BlobContent } from '../../../adapters/storage/blob-store.js'
import { fail } from '../../../tools/errors.js'
import type { StorageService } from '../storage-service.js'
import type { PublicFile } from '../storage-types.js'
import type { ImageTransformer } from './image-transformer.js'
import { formatMimeType, outputFormat, variantKey } from './transform-spec.js'
import type { TransformSpec } from './transform-spec.js'

/** The largest source file a transform reads (it is held in memory while transformed). */
export const MAX_TRANSFORM_SOURCE_BYTES = 50 * 1024 * 1024

/** A transformed image, ready to serve. */
export interface TransformedImage {
  readonly content: BlobContent
  readonly mimeType: string
  /** The file's ETag with the variant appended: it changes with the content and the transform. */
  readonly etag: string
}

/**
 * A transform of a public file's image, made once and then answered from the store's variant
 * cache. A file whose MIME type is not image/* is invalid_image_transform.
 */
export async function transformPublicFile(
  storage: StorageService,
  transformer: ImageTransformer,
  file: PublicFile,
  spec: TransformSpec,
): Promise<TransformedImage> {
  const { mimeType, size } = file.info
  if (!/^image\//i.test(mimeType)) {
    throw fail('invalid_image_transform', 'Only image files can be transformed.', { mimeType })
  }
  if (size > MAX_TRANSFORM_SOURCE_BYTES) {
    throw fail('invalid_image_transform', 'The image is too large to transform.', {
      maxSourceBytes: MAX_TRANSFORM_SOURCE_BYTES,
    })
  }
  const format = outputFormat(spec, mimeType)
  const variant = variantKey(spec, format)
  const content = await storage.cachedVariant(file, variant, async () => {
    const source = await storage.readContent(file.contentKey)
    const input = await readBounded(source.body, MAX_TRANSFORM_SOURCE_BYTES)
    return transformer.transform(input, spec, format)
  })
  return { content, mimeType: formatMimeType(format), etag: variantEtag(file.etag, variant) }
}

/** `"abc"` + `w320-h0.webp` → `"abc-w320-h0.webp"` (weak validators keep their `W/`). */
export function variantEtag(etag: string, variant: string): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${variant}"` : `"${etag}-${variant}"`
}

async function readBounded(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of body) {
    total += (chunk as Buffer).length
    if (total > limit) {
      throw fail('invalid_image_transform', 'The image is too large to transform.', {
        maxSourceBytes: limit,
      })
    }
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}
