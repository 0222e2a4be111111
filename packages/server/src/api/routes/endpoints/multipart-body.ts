import type { UploadedFile } from '../../../core/functions/handler-context.js'
import { fail } from '../../../tools/errors.js'

/** A request body split into its fields and files. */
export interface SplitBody {
  readonly body: unknown
  readonly files: readonly UploadedFile[]
}

/**
 * Reads a `multipart/form-data` body (already held in memory, within the body limit) into its
 * text fields (`body`, an object; a repeated name gives an array) and files (Altogic's
 * `req.files[]` shape). Any other body is returned as is.
 */
export async function splitMultipart(
  contentType: string | undefined,
  body: unknown,
): Promise<SplitBody> {
  if (!contentType?.startsWith('multipart/form-data') || !Buffer.isBuffer(body)) {
    return { body, files: [] }
  }
  let form: FormData
  try {
    const request = new Request('http://multipart.local/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    })
    form = await request.formData()
  } catch (error) {
    throw fail('bad_request', `The multipart body cannot be read: ${(error as Error).message}`)
  }
  const fields: Record<string, string | string[]> = {}
  const files: UploadedFile[] = []
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      const previous = fields[name]
      fields[name] = previous === undefined ? value : [...[previous].flat(), value]
      continue
    }
    const contents = Buffer.from(await value.arrayBuffer())
    files.push({
      fieldName: name,
      fileName: value.name,
      encoding: '7bit',
      mimeType: value.type || 'application/octet-stream',
      size: contents.length,
      contents,
    })
  }
  return { body: fields, files }
}
