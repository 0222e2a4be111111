import { existsSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { createJiti } from 'jiti'
import type { Jiti } from 'jiti'
import type { AppHandler, HandlerLoader } from '../handler-loader.js'

/** Options of the jiti loader. */
export interface JitiHandlerLoaderOptions {
  /** Load every module afresh on each `load` (development: edits apply without a restart). */
  reload?: boolean
  /** Module aliases, for example `{ basalt: '/path/to/public.js' }`. */
  alias?: Record<string, string>
}

/** Loads handler modules of the app folder with jiti: TypeScript without a build step. */
export class JitiHandlerLoader implements HandlerLoader {
  readonly #appDir: string
  readonly #jiti: Jiti
  /** Loaded handlers by spec; undefined when every load must read the module afresh. */
  readonly #loaded: Map<string, Promise<AppHandler>> | undefined

  constructor(appDir: string, options: JitiHandlerLoaderOptions = {}) {
    this.#appDir = resolve(appDir)
    this.#loaded = options.reload ? undefined : new Map()
    this.#jiti = createJiti(resolve(this.#appDir, 'index.js'), {
      moduleCache: !options.reload,
      ...(options.alias ? { alias: options.alias } : {}),
    })
  }

  /** The handler `file.ts` (default export) or `file.ts#name` names, loaded once per spec. */
  load(spec: string): Promise<AppHandler> {
    if (!this.#loaded) return this.#import(spec)
    let handler = this.#loaded.get(spec)
    if (!handler) {
      handler = this.#import(spec)
      this.#loaded.set(spec, handler)
      // A failed load is not kept: the next call tries again.
      handler.catch(() => this.#loaded?.delete(spec))
    }
    return handler
  }

  async #import(spec: string): Promise<AppHandler> {
    const { file, exportName } = parseSpec(spec)
    const path = this.#resolve(spec, file)
    let loaded: Record<string, unknown>
    try {
      loaded = await this.#jiti.import<Record<string, unknown>>(path)
    } catch (error) {
      throw new Error(`handler '${spec}': could not load ${file}: ${firstLine(error)}`, {
        cause: error,
      })
    }
    const handler = loaded?.[exportName]
    if (typeof handler !== 'function') {
      const what = exportName === 'default' ? 'a default export' : `an export '${exportName}'`
      throw new Error(`handler '${spec}': ${file} has no function as ${what}`)
    }
    return handler as AppHandler
  }

  /** The absolute path of a module, inside the app folder and present. */
  #resolve(spec: string, file: string): string {
    const path = resolve(this.#appDir, file)
    const inside = relative(this.#appDir, path)
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`handler '${spec}': the module must be inside the app folder`)
    }
    if (!existsSync(path)) throw new Error(`handler '${spec}': ${file} does not exist`)
    return path
  }
}

/** `file.ts#name` → file and export name; `default` when no name is given. */
export function parseSpec(spec: string): { file: string; exportName: string } {
  const hash = spec.lastIndexOf('#')
  if (hash === -1) return { file: spec, exportName: 'default' }
  return { file: spec.slice(0, hash), exportName: spec.slice(hash + 1) || 'default' }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]?.trim() || 'failed'
}
