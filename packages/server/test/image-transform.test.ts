import { Readable } from 'node:stream'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { StorageService } from '../src/core/storage/storage-service.js'
import type { PublicFile } from '../src/core/storage/storage-types.js'
import { createConcurrencyLimit } from '../src/core/storage/transform/concurrency-limit.js'
import { createImageTransformer } from '../src/core/storage/transform/image-transformer.js'
import {
  MAX_TRANSFORM_DIMENSION,
  outputFormat,
  parseTransformSpec,
  variantKey,
} from '../src/core/storage/transform/transform-spec.js'
import {
  transformPublicFile,
  variantEtag,
} from '../src/core/storage/transform/transform-public-file.js'
import { isBasaltError } from '../src/tools/errors.js'

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer()

async function codeOf(work: () => unknown): Promise<string | undefined> {
  try {
    await work()
  } catch (error) {
    return isBasaltError(error) ? error.code : `not a BasaltError: ${String(error)}`
  }
  return undefined
}

describe('parseTransformSpec', () => {
  it('answers undefined when the query names no transform', () => {
    expect(parseTransformSpec({})).toBeUndefined()
    expect(parseTransformSpec({ v: '2' })).toBeUndefined()
  })

  it('reads width, height and format', () => {
    expect(parseTransformSpec({ width: '320', format: 'webp' })).toEqual({
      width: 320,
      height: undefined,
      format: 'webp',
    })
    expect(parseTransformSpec({ height: String(MAX_TRANSFORM_DIMENSION) })?.height).toBe(2000)
  })

  it.each([
    { width: '0' },
    { width: '2001' },
    { width: '-5' },
    { width: '1.5' },
    { width: '' },
    { width: ['10', '20'] },
    { height: 'abc' },
    { format: 'gif' },
    { format: '' },
  ])('refuses %j with invalid_image_transform', async (query) => {
    expect(await codeOf(() => parseTransformSpec(query))).toBe('invalid_image_transform')
  })

  it('names variants and picks output formats', () => {
    const spec = { width: 320, height: undefined, format: undefined }
    expect(variantKey(spec, 'webp')).toBe('w320-h0.webp')
    expect(outputFormat(spec, 'image/jpeg')).toBe('jpeg')
    expect(outputFormat(spec, 'image/gif')).toBe('png')
    expect(outputFormat({ ...spec, format: 'avif' }, 'image/png')).toBe('avif')
    expect(variantEtag('"abc"', 'w320-h0.webp')).toBe('"abc-w320-h0.webp"')
  })
})

describe('createImageTransformer', () => {
  const transformer = createImageTransformer()

  it('fits inside the box, keeping the aspect ratio, in the asked format', async () => {
    const source = await png(800, 600)
    const out = await transformer.transform(
      source,
      { width: 200, height: 200, format: 'webp' },
      'webp',
    )
    const meta = await sharp(out).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 200, 150])
  })

  it('never enlarges', async () => {
    const out = await transformer.transform(
      await png(100, 50),
      { width: 1000, height: undefined, format: undefined },
      'jpeg',
    )
    const meta = await sharp(out).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 100, 50])
  })

  it('refuses what is not a raster image', async () => {
    const spec = { width: 10, height: undefined, format: undefined }
    const text = Buffer.from('hello, not an image')
    expect(await codeOf(() => transformer.transform(text, spec, 'png'))).toBe(
      'invalid_image_transform',
    )
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    expect(await codeOf(() => transformer.transform(svg, spec, 'png'))).toBe(
      'invalid_image_transform',
    )
  })

  it('refuses images past the pixel limit', async () => {
    const small = createImageTransformer({ maxInputPixels: 100 * 100 })
    const spec = { width: 10, height: undefined, format: undefined }
    expect(await codeOf(async () => small.transform(await png(101, 100), spec, 'png'))).toBe(
      'invalid_image_transform',
    )
  })
})

describe('createConcurrencyLimit', () => {
  it('runs at most max tasks at once, the others in order', async () => {
    const limit = createConcurrencyLimit(2)
    const releases: Array<() => void> = []
    const started: number[] = []
    const runs = [0, 1, 2, 3].map((n) =>
      limit.run(
        () =>
          new Promise<number>((resolve) => {
            started.push(n)
            releases.push(() => resolve(n))
          }),
      ),
    )
    const flush = () => new Promise((resolve) => setImmediate(resolve))
    await flush()
    expect([started, limit.active, limit.waiting]).toEqual([[0, 1], 2, 2])
    releases[0]!()
    await runs[0]
    await flush()
    expect([started, limit.active, limit.waiting]).toEqual([[0, 1, 2], 2, 1])
    releases[1]!()
    releases[2]!()
    await Promise.all([runs[1], runs[2]])
    await flush()
    expect([started, limit.active, limit.waiting]).toEqual([[0, 1, 2, 3], 1, 0])
    releases[3]!()
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3])
    expect([limit.active, limit.waiting]).toEqual([0, 0])
  })
})

describe('transformPublicFile', () => {
  const file = (mimeType: string, size: number): PublicFile => ({
    etag: '"v1"',
    contentKey: 'f1/v1',
    info: {
      _id: 'f1',
      bucketId: 'b1',
      fileName: 'a.png',
      size,
      encoding: '7bit',
      mimeType,
      isPublic: true,
      publicPath: 'http://x/_storage/app/b1/f1',
      userId: null,
      tags: [],
      uploadedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    },
  })

  /** A storage whose variant cache is a Map; counts the `make` calls. */
  function fakeStorage(original: Buffer) {
    const cache = new Map<string, Buffer>()
    let made = 0
    const storage = {
      readContent: async () => ({ body: Readable.from([original]), size: original.length }),
      cachedVariant: async (_file: PublicFile, variant: string, make: () => Promise<Buffer>) => {
        let bytes = cache.get(variant)
        if (!bytes) {
          made++
          bytes = await make()
          cache.set(variant, bytes)
        }
        return { body: Readable.from([bytes]), size: bytes.length }
      },
    } as unknown as StorageService
    return { storage, made: () => made, variants: () => [...cache.keys()] }
  }

  it('makes a variant once, then answers it from the cache', async () => {
    const source = await png(400, 400)
    const fake = fakeStorage(source)
    const spec = { width: 100, height: undefined, format: 'webp' as const }
    const transformer = createImageTransformer()
    const first = await transformPublicFile(
      fake.storage,
      transformer,
      file('image/png', source.length),
      spec,
    )
    const again = await transformPublicFile(
      fake.storage,
      transformer,
      file('image/png', source.length),
      spec,
    )
    expect([first.mimeType, first.etag]).toEqual(['image/webp', '"v1-w100-h0.webp"'])
    expect(again.etag).toBe(first.etag)
    expect(fake.made()).toBe(1)
    expect(fake.variants()).toEqual(['w100-h0.webp'])
    const chunks: Buffer[] = []
    for await (const chunk of again.content.body) chunks.push(chunk as Buffer)
    const meta = await sharp(Buffer.concat(chunks)).metadata()
    expect([meta.format, meta.width]).toEqual(['webp', 100])
  })

  it('refuses files that are not images before reading them', async () => {
    const fake = fakeStorage(Buffer.from('text'))
    const spec = { width: 100, height: undefined, format: undefined }
    const transform = () =>
      transformPublicFile(fake.storage, createImageTransformer(), file('text/plain', 4), spec)
    expect(await codeOf(transform)).toBe('invalid_image_transform')
    expect(fake.made()).toBe(0)
  })
})
