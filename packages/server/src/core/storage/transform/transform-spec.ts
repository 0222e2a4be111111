import { fail } from '../../../tools/errors.js'

/** The largest width or height a transform may ask for, in pixels. */
export const MAX_TRANSFORM_DIMENSION = 2000

/** The output formats of image transforms. */
export const TRANSFORM_FORMATS = ['webp', 'avif', 'jpeg', 'png'] as const

/** One output format. */
export type TransformFormat = (typeof TRANSFORM_FORMATS)[number]

/** A resize and/or conversion of an image; absent sides keep the aspect ratio. */
export interface TransformSpec {
  readonly width: number | undefined
  readonly height: number | undefined
  /** Absent: the source's format when it is an output format, else PNG. */
  readonly format: TransformFormat | undefined
}

/** The query parameters that ask for a transform. */
const TRANSFORM_KEYS = ['width', 'height', 'format'] as const

/**
 * The transform a public file URL's query asks for (`width`, `height`, `format`), or undefined
 * when it names none of them (other parameters, like cache busters, are ignored). A bad value
 * is invalid_image_transform.
 */
export function parseTransformSpec(
  query: Readonly<Record<string, unknown>>,
): TransformSpec | undefined {
  if (TRANSFORM_KEYS.every((key) => query[key] === undefined)) return undefined
  const format = query.format
  if (format !== undefined && !TRANSFORM_FORMATS.includes(format as TransformFormat)) {
    throw invalid(`format must be one of ${TRANSFORM_FORMATS.join(', ')}.`)
  }
  return {
    width: dimension(query.width, 'width'),
    height: dimension(query.height, 'height'),
    format: format as TransformFormat | undefined,
  }
}

function dimension(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined
  const number = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (number >= 1 && number <= MAX_TRANSFORM_DIMENSION) return number
  throw invalid(`${name} must be an integer from 1 to ${MAX_TRANSFORM_DIMENSION}.`)
}

function invalid(message: string) {
  return fail('invalid_image_transform', `The image transform is not valid: ${message}`)
}

/** The output format of a transform of a source of `mimeType`. */
export function outputFormat(spec: TransformSpec, mimeType: string): TransformFormat {
  if (spec.format) return spec.format
  const subtype = mimeType
    .split(';')[0]
    ?.trim()
    .toLowerCase()
    .replace(/^image\//, '')
  const same = subtype === 'jpg' ? 'jpeg' : subtype
  return TRANSFORM_FORMATS.find((format) => format === same) ?? 'png'
}

/** The cache name of a transform's result, e.g. `w320-h0.webp` (0: side not given). */
export function variantKey(spec: TransformSpec, format: TransformFormat): string {
  return `w${spec.width ?? 0}-h${spec.height ?? 0}.${format}`
}

/** The MIME type of an output format. */
export function formatMimeType(format: TransformFormat): string {
  return `image/${format}`
}
